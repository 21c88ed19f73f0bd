'use strict';
const { library } = require('@csbr/eslint-config');

module.exports = [...library(__dirname), { ignores: ['template/**'] }];
