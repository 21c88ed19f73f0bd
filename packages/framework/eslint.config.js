'use strict';
const { library } = require('@csbr/eslint-config');

// scripts/ holds plain Node tooling (the API report), outside the TypeScript project.
module.exports = [...library(__dirname), { ignores: ['scripts/**'] }];
