/**
 * Mock interviews: their lifecycle, completion into practice, time limits, the report as a download.
 *
 * One Jest test file per area, importing each part's tests: Jest loads the app's modules once
 * per test file (docs/development.md, "Test files").
 */
import './interviews/interviews.js';
import './interviews/interview-completion.js';
import './interviews/interview-time-limit.js';
import './interviews/downloads.js';
