/**
 * Questions: the catalogue API, the editor and authored questions, the bank sync.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './questions/questions-api.js';
import './questions/question-editor.js';
import './questions/authored-questions.js';
import './questions/question-bank-sync.js';
