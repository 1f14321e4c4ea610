/**
 * The schema as the code declares it: entity and migration lists, every statement prepared against the migrated template.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './schema/schema-lists.js';
import './schema/statements.js';
