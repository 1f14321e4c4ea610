/**
 * Question sets: sets, members, share links and subscriptions.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './question-sets/question-sets.js';
import './question-sets/question-set-sharing.js';
