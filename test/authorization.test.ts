/**
 * Who reaches what: the access rules on Postgres, the route coverage and the role-by-route matrix.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './authorization/authorization-matrix.js';
import './authorization/authorization-coverage.js';
import './authorization/access.js';
