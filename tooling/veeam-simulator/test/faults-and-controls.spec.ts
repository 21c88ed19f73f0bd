import { Agent, fetch } from 'undici';

import { startVeeamSimulator, type VeeamSimulator } from '../src';
import { jobByName } from './support/fixtures';
import { VbrClient } from './support/vbr-client';

describe('fault injection', () => {
  let simulator: VeeamSimulator;
  let client: VbrClient;

  beforeAll(async () => {
    simulator = await startVeeamSimulator({ personality: '13', port: 0, seed: 'demo' });
    client = new VbrClient(simulator, '1.3-rev2');
    await client.login();
  });
  afterEach(() => simulator.controls.clearFaults());
  afterAll(async () => {
    await client.close();
    await simulator.close();
  });

  it('answers with the injected 5xx and Veeam’s error body, for the given number of requests', async () => {
    const fault = simulator.controls.injectFault({
      operation: 'GetAllJobs',
      status: 503,
      times: 2,
    });
    const first = await client.get('/api/v1/jobs');
    expect(first.status).toBe(503);
    expect(first.body.errorCode).toBe('ServiceUnavailable');
    expect((await client.get('/api/v1/jobs')).status).toBe(503);
    expect((await client.get('/api/v1/jobs')).status).toBe(200);
    expect(simulator.controls.listFaults()).toHaveLength(0);
    const log = simulator.controls.requestLog(3);
    expect(log.map((entry) => [entry.operation, entry.status, entry.faultId])).toEqual([
      ['GetAllJobs', 503, fault.id],
      ['GetAllJobs', 503, fault.id],
      ['GetAllJobs', 200, undefined],
    ]);
  });

  it('lets the first requests through with `after`, and gives a custom error', async () => {
    simulator.controls.injectFault({
      operation: 'GetAllObjectRestorePoints',
      after: 2,
      times: 1,
      status: 500,
      message: 'Database connection lost',
    });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.get('/api/v1/restorePoints', { query: { limit: 1 } })).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
  });

  it('delays answers by the injected latency', async () => {
    simulator.controls.injectFault({ operation: 'GetServerInfo', latencyMs: 300, times: 1 });
    const started = Date.now();
    const response = await client.get('/api/v1/serverInfo');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('sends a 200 with a truncated JSON body', async () => {
    simulator.controls.injectFault({ operation: 'GetSession', malformedBody: true });
    const job = await jobByName(client, 'db-01-nightly');
    const started = await client.post(`/api/v1/jobs/${job.id}/start`, {
      json: { performActiveFull: false },
    });
    const response = await client.get(`/api/v1/sessions/${started.body.id}`);
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('application/json');
    expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
  });

  it('drops the connection', async () => {
    simulator.controls.injectFault({ operation: '*', reset: true, times: 1 });
    await expect(client.get('/api/v1/serverInfo')).rejects.toThrow();
    expect((await client.get('/api/v1/serverInfo')).status).toBe(200);
  });

  it('applies to the token call too, e.g. a 503 at login', async () => {
    simulator.controls.injectFault({ operation: 'CreateToken', status: 503, times: 1 });
    expect((await client.login()).status).toBe(503);
    expect((await client.login()).status).toBe(200);
  });

  it('rejects faults it cannot apply', () => {
    expect(() => simulator.controls.injectFault({ operation: 'StartJobz', status: 500 })).toThrow(
      /Unknown operation/,
    );
    expect(() => simulator.controls.injectFault({ operation: 'StartJob' })).toThrow(/effect/);
    expect(() =>
      simulator.controls.injectFault({ operation: 'GetJob', jobAlreadyRunning: true }),
    ).toThrow(/StartJob/);
    expect(() => simulator.controls.injectFault({ operation: '*', status: 200 })).toThrow(/status/);
  });

  it('counts requests per operation and status, and never logs bodies or tokens', async () => {
    simulator.controls.clearRequestLog();
    await client.login();
    await client.get('/api/v1/jobs');
    await client.get('/api/v1/jobs/not-a-uuid');
    expect(simulator.controls.requestCounts()).toEqual({
      CreateToken: { total: 1, byStatus: { 200: 1 } },
      GetAllJobs: { total: 1, byStatus: { 200: 1 } },
      GetJob: { total: 1, byStatus: { 400: 1 } },
    });
    const logged = JSON.stringify(simulator.controls.requestLog());
    expect(logged).not.toContain(client.token!);
    expect(logged).not.toContain('Veeam123!');
  });
});

describe('HTTP control API (/_simulator)', () => {
  let simulator: VeeamSimulator;
  let client: VbrClient;
  let dispatcher: Agent;

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${simulator.url}/_simulator${path}`, {
      method,
      dispatcher,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  beforeAll(async () => {
    simulator = await startVeeamSimulator({ personality: '12', port: 0, seed: 'empty' });
    dispatcher = new Agent({ connect: { ca: simulator.caCertificate } });
    client = new VbrClient(simulator, '1.2-rev1');
    await client.login();
  });
  afterAll(async () => {
    await client.close();
    await dispatcher.close();
    await simulator.close();
  });

  it('resets and seeds, and reports the state', async () => {
    const reset = await control('POST', '/reset', { seed: 'demo' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ vms: 9, jobs: 3, restorePoints: 3 });
    const scale = await control('POST', '/seed', { scale: { vms: 100, restorePointsPerVm: 5 } });
    expect(scale.body).toMatchObject({ vms: 109, jobs: 103, restorePoints: 503 });
    const state = await control('GET', '/state');
    expect(state.body).toMatchObject({
      personality: '12',
      buildVersion: '12.3.1.1139',
      restorePoints: 503,
    });
    expect(
      (await control('POST', '/seed', { scale: { vms: -1, restorePointsPerVm: 1 } })).status,
    ).toBe(400);
  });

  it('adds and removes VMs, lists jobs, backups and restore points', async () => {
    await control('POST', '/reset', { seed: 'demo' });
    const added = await control('POST', '/vms', { name: 'new-vm', diskSizesGb: [10, 20] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'new-vm', provisionedBytes: 30 * 1024 ** 3 });
    expect((await control('GET', `/vms/${added.body.objectId}`)).body.name).toBe('new-vm');
    expect((await control('DELETE', `/vms/${added.body.objectId}`)).body).toEqual({
      removed: true,
    });
    expect((await control('GET', `/vms/${added.body.objectId}`)).status).toBe(404);
    const jobs = await control('GET', '/jobs');
    expect(jobs.body.map((job: { name: string }) => job.name)).toEqual([
      'Gold',
      'Silver',
      'db-01-nightly',
    ]);
    const job = (await control('GET', '/jobs/db-01-nightly')).body;
    const backups = (await control('GET', '/backups')).body;
    expect(backups[0]).toMatchObject({
      jobId: job.id,
      objects: [{ vmName: 'db-01', restorePoints: 3 }],
    });
    const points = await control('GET', `/restore-points?backupId=${job.backupId}&limit=2`);
    expect(points.body.map((point: { type: string }) => point.type)).toEqual(['Full', 'Increment']);
  });

  it('injects faults, session faults and token expiry, and moves the clock', async () => {
    await control('POST', '/reset', { seed: 'demo' });
    const fault = await control('POST', '/faults', { operation: 'GetAllJobs', status: 500 });
    expect(fault.status).toBe(201);
    expect((await client.get('/api/v1/jobs')).status).toBe(500);
    expect((await control('DELETE', `/faults/${fault.body.id}`)).body).toEqual({ removed: true });
    expect((await client.get('/api/v1/jobs')).status).toBe(200);
    expect((await control('POST', '/faults', { operation: 'Nope', status: 500 })).status).toBe(400);

    expect((await control('POST', '/session-faults', { outcome: 'Hang' })).status).toBe(201);
    const job = await jobByName(client, 'db-01-nightly');
    const started = await client.post(`/api/v1/jobs/${job.id}/start`, {
      json: { performActiveFull: false },
    });
    await control('POST', '/clock/advance', { ms: 60_000 });
    const sessions = await control('GET', `/sessions?jobId=${job.id}`);
    expect(sessions.body).toEqual([
      expect.objectContaining({ id: started.body.id, state: 'Working' }),
    ]);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await control('GET', '/faults')).body).toEqual({ faults: [], sessionFaults: [] });

    expect((await control('POST', '/tokens/expire')).body.expired).toBeGreaterThan(0);
    expect((await client.get('/api/v1/jobs')).status).toBe(401);
    await client.login();
    expect(
      (
        await control('PUT', '/settings', {
          accessTokenLifetimeSeconds: 30,
          sessionTiming: { workingMs: 10 },
        })
      ).status,
    ).toBe(204);
    expect((await client.login()).body.expires_in).toBe(30);
    await control('POST', '/clock/advance', { ms: 31_000 });
    expect((await client.get('/api/v1/jobs')).status).toBe(401);
    await control('PUT', '/settings', { accessTokenLifetimeSeconds: 900 });
    await client.login();
  });

  it('reports requests and answers unknown routes and bad bodies clearly', async () => {
    await control('DELETE', '/requests');
    await client.get('/api/v1/serverInfo');
    const requests = await control('GET', '/requests?limit=5');
    expect(requests.body.counts).toEqual({ GetServerInfo: { total: 1, byStatus: { 200: 1 } } });
    expect(requests.body.log).toHaveLength(1);
    expect((await control('GET', '/nothing')).status).toBe(404);
    const bad = await fetch(`${simulator.url}/_simulator/seed`, {
      method: 'POST',
      dispatcher,
      body: '{',
    });
    expect(bad.status).toBe(400);
  });
});
