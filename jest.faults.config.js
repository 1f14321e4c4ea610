/**
 * `npm run test:faults`: real app and Postgres processes started, stopped and signalled on
 * loopback, one file at a time (they share ports and the machine's two cores).
 */
/** @type {import('jest').Config} */
export default {
  rootDir: 'dist',
  testEnvironment: '<rootDir>/test/support/jest-environment.js',
  transform: {},
  testMatch: ['<rootDir>/test/faults/*.fault.js'],
  maxWorkers: 1,
  testTimeout: 180_000,
};
