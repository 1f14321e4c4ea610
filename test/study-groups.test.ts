/**
 * Study groups: groups, invites, assignments and the progress grid.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './study-groups/study-groups.js';
import './study-groups/study-group-invites.js';
import './study-groups/group-progress-grid.js';
