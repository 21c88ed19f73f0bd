import { pagedOf, shapeErrors } from './support/shape';
import { createJobFor, jobByName, runJob } from './support/fixtures';
import { useDemoSimulator } from './support/demo-simulator';
import { PERSONALITIES } from './support/vbr-client';
import { familyOf, restorePointShape, SESSION_LOGS, sessionShape } from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'sessions, VBR $personality ($revision)',
  ({ personality, revision }) => {
    const env = useDemoSimulator(personality);
    const family = familyOf(revision);

    it('walks Starting → Working → Postprocessing → Stopped with progress, then Success', async () => {
      // Long phases, moved by the simulator clock: no test sleeps.
      env.simulator.controls.setSessionTiming({
        startingMs: 10_000,
        workingMs: 100_000,
        postprocessingMs: 10_000,
      });
      const job = await jobByName(env.client, 'db-01-nightly');
      const started = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      expect(started.status).toBe(201);
      expect(shapeErrors(started.body, sessionShape(family))).toEqual([]);
      expect(started.body).toMatchObject({
        sessionType: 'BackupJob',
        jobId: job.id,
        name: job.name,
        state: 'Starting',
        progressPercent: 0,
        result: { result: 'None' },
      });
      const seen: string[] = [];
      const poll = async () => {
        const body = (await env.client.get(`/api/v1/sessions/${started.body.id}`)).body;
        seen.push(`${body.state}:${body.progressPercent}:${body.result.result}`);
        return body;
      };
      await poll();
      env.simulator.controls.advanceClock(10_000);
      await poll();
      env.simulator.controls.advanceClock(50_000);
      await poll();
      env.simulator.controls.advanceClock(50_000);
      await poll();
      env.simulator.controls.advanceClock(10_000);
      const done = await poll();
      expect(seen).toEqual([
        'Starting:0:None',
        'Working:0:None',
        'Working:50:None',
        'Postprocessing:99:None',
        'Stopped:100:Success',
      ]);
      expect(shapeErrors(done, sessionShape(family))).toEqual([]);
      expect(done.endTime).toBeDefined();
      expect(Date.parse(done.endTime) - Date.parse(done.creationTime)).toBe(120_000);
    });

    it('adds a Full restore point first, then Increments, one per run, each tied to its session', async () => {
      const job = await createJobFor(env.client, 'web-01');
      const first = await runJob(env.client, job.id);
      const second = await runJob(env.client, job.id);
      const backups = await env.client.get('/api/v1/backups', { query: { jobIdFilter: job.id } });
      expect(backups.body.data).toHaveLength(1);
      const points = await env.client.get('/api/v1/restorePoints', {
        query: {
          backupIdFilter: backups.body.data[0].id,
          orderColumn: 'CreationTime',
          orderAsc: true,
        },
      });
      expect(shapeErrors(points.body, pagedOf(restorePointShape(family)))).toEqual([]);
      expect(points.body.data.map((point: { type: string }) => point.type)).toEqual([
        'Full',
        'Increment',
      ]);
      expect(points.body.data.map((point: { sessionId: string }) => point.sessionId)).toEqual([
        first.id,
        second.id,
      ]);
      expect(points.body.data[0].name).toBe('web-01');
      const active = await runJob(env.client, job.id, { performActiveFull: true });
      expect(active.result.result).toBe('Success');
      const after = await env.client.get('/api/v1/restorePoints', {
        query: { backupIdFilter: backups.body.data[0].id },
      });
      expect(after.body.data.map((point: { type: string }) => point.type)).toEqual([
        'Full',
        'Increment',
        'Full',
      ]);
    });

    it('lists logs and one task session per VM', async () => {
      const job = await jobByName(env.client, 'db-01-nightly');
      const session = await runJob(env.client, job.id);
      const logs = await env.client.get(`/api/v1/sessions/${session.id}/logs`);
      expect(shapeErrors(logs.body, SESSION_LOGS)).toEqual([]);
      expect(logs.body.records.map((record: { title: string }) => record.title)).toEqual(
        expect.arrayContaining(['Processing db-01', `${job.name} finished successfully`]),
      );
      const tasks = await env.client.get(`/api/v1/sessions/${session.id}/taskSessions`);
      expect(tasks.body.data).toHaveLength(1);
      expect(tasks.body.data[0]).toMatchObject({
        type: 'Backup',
        name: 'db-01',
        sessionId: session.id,
        state: 'Stopped',
      });
      const point = await env.client.get(
        `/api/v1/restorePoints/${tasks.body.data[0].restorePointId}`,
      );
      expect(point.body.sessionId).toBe(session.id);
    });

    it('finds sessions by job, type, state and result', async () => {
      const job = await jobByName(env.client, 'db-01-nightly');
      const session = await runJob(env.client, job.id);
      const found = await env.client.get('/api/v1/sessions', {
        query: {
          jobIdFilter: job.id,
          typeFilter: 'BackupJob',
          stateFilter: 'Stopped',
          resultFilter: 'Success',
        },
      });
      expect(found.body.data.map((item: { id: string }) => item.id)).toEqual([session.id]);
      const none = await env.client.get('/api/v1/sessions', { query: { typeFilter: 'RestoreVm' } });
      expect(none.body.pagination.total).toBe(0);
      const bad = await env.client.get('/api/v1/sessions', { query: { stateFilter: 'Sleeping' } });
      expect(bad.status).toBe(400);
    });

    it('refuses to start a job that is running, and answers the injected "already running" the same way', async () => {
      env.simulator.controls.setSessionTiming({ workingMs: 60_000 });
      const job = await jobByName(env.client, 'db-01-nightly');
      const first = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      expect(first.status).toBe(201);
      const second = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      expect(second.status).toBe(400);
      expect(second.body.message).toContain('already running');
      env.simulator.controls.finishSessions();
      expect((await env.client.get(`/api/v1/sessions/${first.body.id}`)).body.state).toBe(
        'Stopped',
      );
      env.simulator.controls.injectFault({
        operation: 'StartJob',
        jobAlreadyRunning: true,
        times: 1,
      });
      const injected = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      expect({ status: injected.status, body: injected.body }).toEqual({
        status: second.status,
        body: second.body,
      });
      const afterwards = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      expect(afterwards.status).toBe(201);
    });

    it('ends Failed with the message and no restore point when a failure is injected', async () => {
      const job = await jobByName(env.client, 'db-01-nightly');
      env.simulator.controls.injectSessionFault({
        sessionType: 'BackupJob',
        outcome: 'Failed',
        message: 'Datastore is full',
        times: 1,
      });
      const before = env.simulator.controls.summary().restorePoints;
      const failed = await runJob(env.client, job.id);
      expect(failed.result).toEqual({
        result: 'Failed',
        message: 'Datastore is full',
        isCanceled: false,
      });
      expect(env.simulator.controls.summary().restorePoints).toBe(before);
      const states = await env.client.get('/api/v1/jobs/states', { query: { idFilter: job.id } });
      expect(states.body.data[0].lastResult).toBe('Failed');
      expect((await runJob(env.client, job.id)).result.result).toBe('Success');
    });

    it('ends in Warning, still with the restore point, when a warning is injected', async () => {
      const job = await jobByName(env.client, 'db-01-nightly');
      env.simulator.controls.injectSessionFault({
        jobId: job.id,
        outcome: 'Warning',
        message: 'vCenter version not tested',
        times: 1,
      });
      const before = env.simulator.controls.summary().restorePoints;
      const warned = await runJob(env.client, job.id);
      expect(warned.result).toMatchObject({
        result: 'Warning',
        message: 'vCenter version not tested',
      });
      expect(env.simulator.controls.summary().restorePoints).toBe(before + 1);
    });

    it('hangs in Working when told to, until the session is stopped (Failed, canceled)', async () => {
      const job = await jobByName(env.client, 'db-01-nightly');
      env.simulator.controls.injectSessionFault({ outcome: 'Hang', times: 1 });
      const started = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      env.simulator.controls.advanceClock(600_000);
      const hung = await env.client.get(`/api/v1/sessions/${started.body.id}`);
      expect(hung.body).toMatchObject({
        state: 'Working',
        progressPercent: 50,
        result: { result: 'None' },
      });
      expect(env.simulator.controls.finishSessions()).toBe(0);
      const stopped = await env.client.post(`/api/v1/sessions/${started.body.id}/stop`);
      expect(stopped.status).toBe(200);
      const ended = await env.client.waitForSession(started.body.id);
      expect(ended.result).toMatchObject({ result: 'Failed', isCanceled: true });
      expect((await env.client.post(`/api/v1/sessions/${started.body.id}/stop`)).status).toBe(400);
    });

    it('trims each chain to the job retention, merging the oldest point into a full', async () => {
      const job = await createJobFor(env.client, 'web-02');
      const put = await env.client.put(`/api/v1/jobs/${job.id}`, {
        json: {
          ...job,
          storage: { ...job.storage, retentionPolicy: { type: 'RestorePoints', quantity: 2 } },
        },
      });
      expect(put.status).toBe(200);
      for (let run = 0; run < 3; run++) await runJob(env.client, job.id);
      const backupId = env.simulator.controls.getJob(job.id)!.backupId!;
      const points = await env.client.get('/api/v1/restorePoints', {
        query: { backupIdFilter: backupId },
      });
      expect(points.body.data.map((point: { type: string }) => point.type)).toEqual([
        'Full',
        'Increment',
      ]);
      const objects = await env.client.get(`/api/v1/backups/${backupId}/objects`);
      expect(objects.body.data[0].restorePointsCount).toBe(2);
    });

    it('keeps a session polled across an access token that expires mid-poll', async () => {
      env.simulator.controls.setSessionTiming({ workingMs: 60_000 });
      const job = await jobByName(env.client, 'db-01-nightly');
      const started = await env.client.post(`/api/v1/jobs/${job.id}/start`, {
        json: { performActiveFull: false },
      });
      env.simulator.controls.advanceClock(20_000);
      env.simulator.controls.expireAccessTokens();
      const expired = await env.client.get(`/api/v1/sessions/${started.body.id}`);
      expect(expired.status).toBe(401);
      const refreshed = await env.client.post('/api/oauth2/token', {
        token: null,
        form: { grant_type: 'refresh_token', refresh_token: env.client.refreshToken! },
      });
      env.client.token = refreshed.body.access_token;
      env.client.refreshToken = refreshed.body.refresh_token;
      env.simulator.controls.advanceClock(60_000);
      const done = await env.client.get(`/api/v1/sessions/${started.body.id}`);
      expect(done.body).toMatchObject({ state: 'Stopped', result: { result: 'Success' } });
    });

    it('refuses to start a disabled job', async () => {
      const gold = await jobByName(env.client, 'Gold');
      const response = await env.client.post(`/api/v1/jobs/${gold.id}/start`, {
        json: { performActiveFull: false },
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('disabled');
    });

    if (personality === '13') {
      it('answers 204 to the start of a job with no VM', async () => {
        const empty = await env.client.post('/api/v1/jobs', {
          json: {
            type: 'VSphereBackup',
            name: 'empty',
            description: '',
            virtualMachines: { includes: [] },
          },
        });
        const response = await env.client.post(`/api/v1/jobs/${empty.body.id}/start`, {
          json: { performActiveFull: false },
        });
        expect(response.status).toBe(204);
        expect(env.simulator.controls.listSessions()).toHaveLength(0);
      });
    }
  },
);
