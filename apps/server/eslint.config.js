'use strict';
const { nest } = require('@csbr/eslint-config');

module.exports = nest(__dirname);
