import { CLOUDSTACK_DATE, UUID } from '../support/cloudstack-formats';
import { ApiClient } from './support/api-client';
import { THINGS, USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';

describe('async jobs (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    api.gate.open();
    await api.close();
  });

  async function query(jobId: string, user = USERS.alice) {
    return client.call(user, 'queryAsyncJobResult', { jobid: jobId });
  }

  it('answers {jobid} at once, shows the job pending, then succeeded with its result', async () => {
    const gate = api.resetGate();
    const submitted = await client.call(USERS.alice, 'slowThing', { id: THINGS[1].uuid });
    expect(submitted.status).toBe(200);
    expect(Object.keys(submitted.json.slowthingresponse)).toEqual(['jobid']);
    const jobId: string = submitted.json.slowthingresponse.jobid;
    expect(jobId).toMatch(UUID);

    const pending = await query(jobId);
    expect(pending.status).toBe(200);
    expect(pending.json.queryasyncjobresultresponse).toEqual({
      accountid: USERS.alice.caller.accountId,
      account: 'alice',
      domainid: USERS.alice.caller.domainId,
      domainpath: '/sales/',
      userid: USERS.alice.caller.userId,
      cmd: 'org.apache.cloudstack.api.command.user.SlowThingCmd',
      jobprocstatus: 0,
      jobresultcode: 0,
      jobinstancetype: 'Thing',
      jobinstanceid: THINGS[1].uuid,
      created: expect.stringMatching(CLOUDSTACK_DATE),
      jobid: jobId,
      jobstatus: 0,
    });

    gate.open();
    await api.jobs.settled(jobId);
    const done = await query(jobId);
    expect(Object.keys(done.json.queryasyncjobresultresponse)).toEqual([
      'accountid',
      'account',
      'domainid',
      'domainpath',
      'userid',
      'cmd',
      'jobprocstatus',
      'jobresultcode',
      'jobresulttype',
      'jobresult',
      'jobinstancetype',
      'jobinstanceid',
      'created',
      'completed',
      'jobid',
      'jobstatus',
    ]);
    expect(done.json.queryasyncjobresultresponse).toMatchObject({
      jobstatus: 1,
      jobresultcode: 0,
      jobresulttype: 'object',
      jobresult: { thing: { id: THINGS[1].uuid, name: 'beta', created: '2019-10-01T12:00:00+0000', size: 2048, enabled: false } },
      completed: expect.stringMatching(CLOUDSTACK_DATE),
    });
    expect(api.events.events.filter((event) => event.jobId === jobId)).toEqual([
      { phase: 'started', type: 'THING.SLOW', jobId },
      { phase: 'completed', type: 'THING.SLOW', jobId },
    ]);
  });

  it('renders a success without entity as {"success":true}', async () => {
    const submitted = await client.call(USERS.alice, 'successThing');
    const jobId: string = submitted.json.successthingresponse.jobid;
    await api.jobs.settled(jobId);
    expect((await query(jobId)).json.queryasyncjobresultresponse).toMatchObject({
      jobstatus: 1,
      jobresultcode: 0,
      jobresult: { success: true },
    });
  });

  it('records a failing job as jobstatus 2 with jobresultcode 530 and {errorcode, errortext}', async () => {
    const submitted = await client.call(USERS.alice, 'failThing');
    const jobId: string = submitted.json.failthingresponse.jobid;
    await api.jobs.settled(jobId);
    const failed = await query(jobId);
    expect(failed.status).toBe(200);
    expect(failed.json.queryasyncjobresultresponse).toMatchObject({
      jobstatus: 2,
      jobresultcode: 530,
      jobresulttype: 'object',
      jobresult: { errorcode: 530, errortext: 'Failed to do the thing' },
    });
    expect(api.events.events.filter((event) => event.jobId === jobId)).toEqual([
      { phase: 'started', type: 'THING.FAIL', jobId },
      { phase: 'failed', type: 'THING.FAIL', jobId, errorText: 'Failed to do the thing' },
    ]);
  });

  it('validates parameters before creating a job', async () => {
    const reply = await client.call(USERS.alice, 'slowThing');
    expect(reply.status).toBe(431);
    expect(reply.json.slowthingresponse.errortext).toBe('Unable to execute API command slowthing due to missing parameter id');
  });

  it('answers a create-style command with {id, jobid}', async () => {
    const submitted = await client.call(USERS.alice, 'createThing', { name: 'delta' });
    const { id, jobid } = submitted.json.createthingresponse;
    expect(Object.keys(submitted.json.createthingresponse)).toEqual(['id', 'jobid']);
    expect(id).toMatch(UUID);
    await api.jobs.settled(jobid);
    expect((await query(jobid)).json.queryasyncjobresultresponse).toMatchObject({
      jobinstanceid: id,
      jobresult: { thing: { id, name: 'delta' } },
    });
  });

  it('answers an unknown job and another account\'s job with the same 431', async () => {
    const unknown = '50000000-0000-4000-8000-000000000000';
    const missing = await query(unknown);
    expect(missing.status).toBe(431);
    expect(missing.json.queryasyncjobresultresponse).toEqual({
      uuidList: [],
      errorcode: 431,
      cserrorcode: 9999,
      errortext: `Unable to execute API command queryasyncjobresult due to invalid value. Invalid parameter jobid value=${unknown} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
    });

    const submitted = await client.call(USERS.alice, 'successThing');
    const jobId: string = submitted.json.successthingresponse.jobid;
    const foreign = await query(jobId, USERS.bob);
    expect(foreign.status).toBe(431);
    expect(foreign.json.queryasyncjobresultresponse).toEqual({
      uuidList: [],
      errorcode: 431,
      cserrorcode: 9999,
      errortext: `Unable to execute API command queryasyncjobresult due to invalid value. Invalid parameter jobid value=${jobId} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
    });
    expect((await query(jobId, USERS.domainAdmin)).status).toBe(200);
    expect((await query(jobId, USERS.admin)).status).toBe(200);
  });

  it('lists the caller\'s jobs under asyncjobs, newest first', async () => {
    const first: string = (await client.call(USERS.marketer, 'successThing')).json.successthingresponse.jobid;
    const second: string = (await client.call(USERS.marketer, 'failThing')).json.failthingresponse.jobid;
    await api.jobs.settled(first);
    await api.jobs.settled(second);
    const listed = await client.call(USERS.marketer, 'listAsyncJobs');
    expect(listed.json.listasyncjobsresponse).toMatchObject({
      count: 2,
      asyncjobs: [
        { jobid: second, jobstatus: 2, jobresultcode: 530, account: 'marketer' },
        { jobid: first, jobstatus: 1, jobresult: { success: true }, account: 'marketer' },
      ],
    });
    const nothing = await client.call(USERS.marketer, 'listAsyncJobs', { startdate: '2999-01-01T00:00:00Z' });
    expect(nothing.text).toBe('{"listasyncjobsresponse":{}}');
  });
});
