'use strict';
// Proves the README check can fail: each README-style comment below is compared with outputs that match
// it and outputs that must not. Run by scripts/check-readme.sh before the README itself.
const assert = require('node:assert/strict');

const { expectationOf } = require('./readme-results');
const { readmeSteps } = require('./readme-steps');

function problems(comment, stdout, stderr = '') {
  return expectationOf(comment).check(stdout, stderr);
}

// JSON results: keys shown must match, `…` is anything, dates match any date, arrays keep their length.
const list = '{"count": 1, "backup": [{"id": "…", "externalid": "dummy-…", "created": "2026-11-26T07:18:34+0000", "size": 1024}]}';
const backup = { id: 'b1', externalid: 'dummy-42', created: '2027-01-02T03:04:05+0000', size: 1024, status: 'BackedUp' };
assert.deepEqual(problems(list, JSON.stringify({ count: 1, backup: [backup] })), []);
assert.notDeepEqual(problems(list, JSON.stringify({ count: 1, backup: [{ ...backup, size: 2048 }] })), []);
assert.notDeepEqual(problems(list, JSON.stringify({ count: 1, backup: [{ ...backup, externalid: 'veeam-42' }] })), []);
assert.notDeepEqual(problems(list, JSON.stringify({ count: 2, backup: [backup, backup] })), []);
assert.notDeepEqual(problems(list, JSON.stringify({ count: 1, backup: [{ ...backup, created: 'yesterday' }] })), []);
assert.notDeepEqual(problems(list, 'null'), []);
// `exits N:` sets the exit code; fragments are found anywhere in the error envelope.
const failed = expectationOf('exits 1: … "jobstatus": 2, "jobresult": {"errorcode": 530, "errortext": "Stop it first"}');
assert.equal(failed.code, 1);
assert.deepEqual(failed.check('', JSON.stringify({ queryasyncjobresultresponse: { jobstatus: 2, jobresult: { errorcode: 530, errortext: 'Stop it first' } } })), []);
assert.notDeepEqual(failed.check('', JSON.stringify({ queryasyncjobresultresponse: { jobstatus: 2, jobresult: { errorcode: 431, errortext: 'Stop it first' } } })), []);
// Words, "prints nothing", quoted texts of an `exits` remark; a plain remark checks only the exit code.
assert.deepEqual(problems('Stopped', 'Stopped\n'), []);
assert.notDeepEqual(problems('Stopped', 'Running\n'), []);
assert.deepEqual(problems('prints nothing: the list is empty ({})', ''), []);
assert.notDeepEqual(problems('prints nothing: the list is empty ({})', '{"count": 1}'), []);
assert.notDeepEqual(problems('exits 1: errorcode 431, "only if forced"', '', '{"errortext": "something else"}'), []);
assert.equal(expectationOf('the Started/Completed action events').code, 0);
assert.equal(expectationOf(undefined).code, 0);

// Steps: sections, continuations, functions, trailing and following comments.
const steps = readmeSteps(
  [
    '## Quick start',
    '```sh',
    'echo "a # not a comment" \\',
    '  b   # {"x": 1}',
    'f() {',
    '  echo hi',
    '}',
    'curl x',
    '# {"y": 2,',
    '#   "z": 3}',
    '```',
    '## Elsewhere',
    '```sh',
    'not checked',
    '```',
  ].join('\n'),
);
assert.deepEqual(
  steps.map((step) => [step.text, step.expected]),
  [
    ['echo "a # not a comment" \\\n  b', '{"x": 1}'],
    ['f() {\n  echo hi\n}', undefined],
    ['curl x', '{"y": 2, "z": 3}'],
  ],
);
console.log('check-readme: the result comparison passes its self-test');
