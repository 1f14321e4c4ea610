/**
 * The HTTP surface: health, problem answers, hostile input, security headers, named statements, fuzzing.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './http/health.js';
import './http/http-errors.js';
import './http/hostile-input.js';
import './http/security-headers.js';
import './http/named-statements.js';
import './http/fuzz.js';
