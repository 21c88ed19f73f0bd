'use strict';
const { defineJestConfig } = require('@csbr/jest-config');

module.exports = defineJestConfig({ roots: ['<rootDir>/test'] });
