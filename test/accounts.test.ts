/**
 * Accounts: registration, sign-in and sessions, the account, its personal-data export, login limits across processes.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './accounts/auth.js';
import './accounts/me.js';
import './accounts/personal-data.js';
import './accounts/login-limit-across-processes.js';
