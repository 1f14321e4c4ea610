/**
 * Practice: the queue and reviews, answer analysis, cram, the interview plan, scopes, undo, fitted FSRS parameters.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './practice/practice.js';
import './practice/practice-analysis.js';
import './practice/practice-cram.js';
import './practice/practice-plan.js';
import './practice/practice-scope.js';
import './practice/practice-undo.js';
import './practice/parameter-fit.js';
