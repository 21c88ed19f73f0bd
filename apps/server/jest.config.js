'use strict';
const { defineJestConfig } = require('@csbr/jest-config');

// Server tests talk to a real MariaDB/MySQL and real HTTP; each test file gets its own database.
module.exports = defineJestConfig({
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '(\\.spec|\\.e2e-spec)\\.ts$',
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/quiet-nest-logs.ts'],
});
