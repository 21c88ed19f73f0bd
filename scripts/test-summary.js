// Adds up the jest JSON reports of every package and prints one closing line: "N passed, N failed".
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
let passed = 0;
let failed = 0;
let suitesFailed = 0;
const seen = [];
for (const group of ['packages', 'apps', 'tooling']) {
  const groupDir = path.join(root, group);
  if (!fs.existsSync(groupDir)) continue;
  for (const pkg of fs.readdirSync(groupDir)) {
    const report = path.join(groupDir, pkg, 'reports', 'jest.json');
    if (!fs.existsSync(report)) continue;
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    suitesFailed += result.numRuntimeErrorTestSuites;
    seen.push(`${group}/${pkg}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
  }
}
for (const line of seen) console.log(`  ${line}`);
if (seen.length === 0) {
  console.log('0 passed, 0 failed');
  process.exit(1);
}
// A suite that could not even run counts as a failure.
failed += suitesFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
