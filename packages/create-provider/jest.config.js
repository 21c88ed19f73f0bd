'use strict';
const { defineJestConfig } = require('@csbr/jest-config');

module.exports = defineJestConfig({ roots: ['<rootDir>/src', '<rootDir>/test'] });
