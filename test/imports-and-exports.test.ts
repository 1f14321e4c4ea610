/**
 * Imports (Anki and CSV, across a restart) and exports (Anki, CSV, bank Markdown, reviews.csv).
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './imports-and-exports/imports.js';
import './imports-and-exports/imports-restart.js';
import './imports-and-exports/exports.js';
