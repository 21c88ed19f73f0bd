import { randomUUID } from 'node:crypto';

import { type Caller } from '@csbr/framework/host';

import { DbUuidResolver } from '../../src/accounts/db-uuid-resolver';
import {
  type AsyncJobControls,
  type AsyncJobOutcome,
  type AsyncJobSubmission,
  type RecordedJob,
} from '../../src/api/ports/async-job-service';
import { AccountType, AsyncJobEntity, DataCenterEntity, VmInstanceEntity } from '../../src/database/entities';
import { DbAsyncJobService } from '../../src/jobs/db-async-job-service';
import { AccountFixtures, type FixtureDomain, type FixtureUser } from '../accounts/support/account-fixtures';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { callerOf } from './support/callers';
import { deferred } from './support/deferred';
import { TestClock } from './support/test-clock';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';
import { cloudStackVmColumns } from '../../src/database/cloudstack-row-defaults';

const MSID = '123456789';
const SUBMITTED_AT = new Date('2025-03-01T10:00:00Z');
const FINISHED_AT = new Date('2025-03-01T10:00:42Z');
const CREATE_BACKUP_CMD = 'org.apache.cloudstack.api.command.user.backup.CreateBackupCmd';

/** What a test's job handler does with a job. */
type Run = (job: RecordedJob, controls: AsyncJobControls) => Promise<AsyncJobOutcome>;


// The warnings and errors these tests provoke are captured (and asserted where they are the point), not
// printed. Kept until the file ends (jest gives each file its own Nest Logger): work a test abandons on
// purpose may still log after the last test.
let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});

describe('DbAsyncJobService job lifecycle on MariaDB', () => {
  let database: MigratedDatabase;
  let clock: TestClock;
  let service: DbAsyncJobService;
  let sales: FixtureDomain;
  let alice: FixtureUser;
  let caller: Caller;
  let vm: { id: string; uuid: string };

  beforeAll(async () => {
    database = await openMigratedDatabase();
    const manager = database.dataSource.manager;
    const fixtures = new AccountFixtures(manager);
    const root = await fixtures.domain('ROOT', '/');
    sales = await fixtures.domain('sales', '/sales/', { parent: root });
    alice = await fixtures.user('alice', await fixtures.account('sales-users', sales, { type: AccountType.User }));
    caller = callerOf(alice);
    const zone = await manager.save(DataCenterEntity, {
      uuid: randomUUID(),
      name: 'zone',
      dns1: '8.8.8.8',
      internalDns1: '10.0.0.1',
    });
    const saved = await manager.save(VmInstanceEntity, {
      uuid: randomUUID(),
      name: 'web',
      instanceName: 'i-2-1-VM',
      state: 'Running',
      dataCenterId: zone.id,
      accountId: alice.account.id,
      domainId: sales.id,
      ...cloudStackVmColumns(),
      created: SUBMITTED_AT,
    });
    vm = { id: saved.id, uuid: saved.uuid };
  });

  /** The handler of the next jobs; each test sets its own. */
  let run: jest.Mock<Promise<AsyncJobOutcome>, [RecordedJob, AsyncJobControls]>;

  async function startService(options: { shutdownGraceMs?: number } = {}): Promise<DbAsyncJobService> {
    const started = new DbAsyncJobService(database.dataSource, new DbUuidResolver(database.dataSource), MSID, {
      clock,
      pollIntervalMs: 50,
      ...options,
    });
    started.serve({ run: (job, controls) => run(job, controls) });
    await started.onApplicationBootstrap();
    return started;
  }

  beforeEach(async () => {
    clock = new TestClock(SUBMITTED_AT);
    run = jest.fn<Promise<AsyncJobOutcome>, [RecordedJob, AsyncJobControls]>(() =>
      Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }),
    );
    service = await startService();
  });

  afterEach(async () => {
    await service.beforeApplicationShutdown();
  });

  afterAll(async () => {
    await database?.close();
  });

  function submission(overrides: Partial<AsyncJobSubmission> = {}): AsyncJobSubmission {
    return {
      command: 'createBackup',
      cmd: CREATE_BACKUP_CMD,
      params: { command: 'createBackup', virtualmachineid: vm.uuid, response: 'json' },
      caller,
      instanceType: 'VirtualMachine',
      instanceUuid: vm.uuid,
      ...overrides,
    };
  }

  async function storedRow(jobId: string): Promise<AsyncJobEntity> {
    return database.dataSource.manager.findOneByOrFail(AsyncJobEntity, { uuid: jobId });
  }

  /** Submits a job that the handler runs with `work`, and waits for its outcome to be recorded. */
  async function runToEnd(work: Run, overrides: Partial<AsyncJobSubmission> = {}): Promise<string> {
    run.mockImplementation(work);
    const { jobId } = await service.submit(submission(overrides));
    await service.settled(jobId);
    return jobId;
  }

  it('shows the job as pending at once, then records the success of the command it re-binds', async () => {
    const outcome = deferred<AsyncJobOutcome>();
    run.mockImplementation(() => outcome.promise);

    const { jobId } = await service.submit(submission());

    await expect(service.get(jobId)).resolves.toEqual({
      uuid: jobId,
      accountId: alice.account.id,
      domainId: sales.id,
      domainPath: '/sales/',
      accountUuid: alice.account.uuid,
      accountName: 'sales-users',
      domainUuid: sales.uuid,
      userUuid: alice.uuid,
      cmd: CREATE_BACKUP_CMD,
      status: 0,
      processStatus: 0,
      resultCode: 0,
      instanceType: 'VirtualMachine',
      instanceUuid: vm.uuid,
      created: SUBMITTED_AT,
    });
    const pending = await storedRow(jobId);
    expect(pending).toMatchObject({
      userId: alice.id,
      accountId: alice.account.id,
      instanceType: 'VirtualMachine',
      instanceId: vm.id,
      jobCmd: CREATE_BACKUP_CMD,
      jobStatus: 0,
      jobResult: null,
      jobInitMsid: MSID,
      jobCompleteMsid: null,
      created: SUBMITTED_AT,
      lastUpdated: SUBMITTED_AT,
      removed: null,
    });

    clock.set(FINISHED_AT);
    outcome.resolve({ status: 'succeeded', resultCode: 0, result: { backup: { id: 'b-1', status: 'BackedUp' } } });
    await service.settled(jobId);

    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0]).toEqual({
      jobId,
      command: 'createBackup',
      params: { command: 'createBackup', virtualmachineid: vm.uuid, response: 'json' },
      userId: alice.id,
    });
    await expect(storedRow(jobId)).resolves.toMatchObject({ jobExecutingMsid: MSID });
    await expect(service.get(jobId)).resolves.toMatchObject({
      status: 1,
      processStatus: 0,
      resultCode: 0,
      result: { backup: { id: 'b-1', status: 'BackedUp' } },
      created: SUBMITTED_AT,
      completed: FINISHED_AT,
    });
    await expect(storedRow(jobId)).resolves.toMatchObject({
      jobStatus: 1,
      jobResultCode: 0,
      jobCompleteMsid: MSID,
      lastUpdated: FINISHED_AT,
    });
  });

  it('records a failed outcome with its error code and result', async () => {
    const jobId = await runToEnd(() =>
      Promise.resolve({
        status: 'failed',
        resultCode: 431,
        result: { errorcode: 431, errortext: 'Unable to find VM' },
      }),
    );

    await expect(service.get(jobId)).resolves.toMatchObject({
      status: 2,
      resultCode: 431,
      result: { errorcode: 431, errortext: 'Unable to find VM' },
      completed: SUBMITTED_AT,
    });
  });

  it('records a 530 failure when the work rejects instead of returning an outcome', async () => {
    const jobId = await runToEnd(() => Promise.reject(new Error('provider exploded with secret details')));

    await expect(service.get(jobId)).resolves.toMatchObject({
      status: 2,
      resultCode: 530,
      result: { errorcode: 530, errortext: 'Internal error executing command, please contact your system administrator' },
    });
    expect(logs.texts('error')).toContainEqual(expect.stringMatching(/^Async job \S+ failed unexpectedly: provider exploded/));
  });

  it('records a 530 failure when the result cannot be stored, instead of leaving the job pending', async () => {
    const jobId = await runToEnd(() =>
      Promise.resolve({ status: 'succeeded', resultCode: 0, result: { huge: 'x'.repeat(70_000) } }),
    );

    const job = await service.get(jobId);
    expect(job).toMatchObject({ status: 2, resultCode: 530 });
    expect(job?.result?.errortext).toContain('could not be recorded');
    expect(logs.texts('error')).toContainEqual(expect.stringMatching(/^The result of async job \S+ is too large to record$/));
  });

  it('never stores signatures, passwords, session keys or other credentials in job_cmd_info', async () => {
    const jobId = await runToEnd(() => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }), {
      params: {
        command: 'createBackup',
        virtualmachineid: vm.uuid,
        signature: 'sig-value',
        Signature: 'sig-value-2',
        password: 'pw-value',
        sessionkey: 'session-value',
        apiKey: 'api-key-value',
        secretkey: 'secret-value',
        ctxUserId: '1',
      },
    });

    const stored = (await storedRow(jobId)).jobCmdInfo ?? '';
    for (const secret of ['sig-value', 'pw-value', 'session-value', 'api-key-value', 'secret-value']) {
      expect(stored).not.toContain(secret);
    }
    expect(JSON.parse(stored)).toEqual({
      command: 'createBackup',
      virtualmachineid: vm.uuid,
      ctxCommand: 'createBackup',
      ctxUserId: alice.id,
      ctxAccountId: alice.account.id,
      ctxInstanceUuid: vm.uuid,
    });
  });

  it('keeps the instance uuid when it has no internal id to store, and shows no instance when there is none', async () => {
    const unknownVm = randomUUID();
    const unresolved = await runToEnd(() => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }), {
      instanceUuid: unknownVm,
    });
    const untyped = await runToEnd(() => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }), {
      instanceType: 'Snapshot',
      instanceUuid: 'snapshot-uuid',
    });
    const none = await runToEnd(() => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }), {
      instanceType: undefined,
      instanceUuid: undefined,
    });

    expect((await storedRow(unresolved)).instanceId).toBeNull();
    await expect(service.get(unresolved)).resolves.toMatchObject({ instanceType: 'VirtualMachine', instanceUuid: unknownVm });
    expect((await storedRow(untyped)).instanceId).toBeNull();
    await expect(service.get(untyped)).resolves.toMatchObject({ instanceType: 'Snapshot', instanceUuid: 'snapshot-uuid' });
    const bare = await service.get(none);
    expect(bare).not.toHaveProperty('instanceType');
    expect(bare).not.toHaveProperty('instanceUuid');
  });

  it('does not find unknown or removed jobs', async () => {
    const jobId = await runToEnd(() => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }));
    await database.dataSource.manager.update(AsyncJobEntity, { uuid: jobId }, { removed: FINISHED_AT });

    await expect(service.get(jobId)).resolves.toBeUndefined();
    await expect(service.get(randomUUID())).resolves.toBeUndefined();
  });

  describe('shutdown', () => {
    it('waits for running jobs to record their outcome and refuses new ones meanwhile', async () => {
      const outcome = deferred<AsyncJobOutcome>();
      const started = deferred<void>();
      run.mockImplementation(() => {
        started.resolve();
        return outcome.promise;
      });
      const { jobId } = await service.submit(submission());
      await started.promise;

      let shutDown = false;
      const shutdown = service.beforeApplicationShutdown().then(() => {
        shutDown = true;
      });
      // A database round trip lets the event loop turn: shutdown is still waiting for the job.
      await expect(service.get(jobId)).resolves.toMatchObject({ status: 0 });
      expect(shutDown).toBe(false);
      await expect(service.submit(submission())).rejects.toMatchObject({
        errorCode: 530,
        message: 'Maintenance or Shutdown has been initiated on this management server. Can not accept new jobs',
      });

      outcome.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
      await shutdown;

      await expect(service.get(jobId)).resolves.toMatchObject({ status: 1, result: { success: true } });
    });

    it('cancels jobs still running after the grace period, and they record the cancellation', async () => {
      await service.beforeApplicationShutdown();
      service = await startService({ shutdownGraceMs: 1 });
      const started = deferred<void>();
      run.mockImplementation((_job, controls) => {
        started.resolve();
        return new Promise((resolve) => {
          controls.signal.addEventListener('abort', () =>
            resolve({ status: 'failed', resultCode: 530, result: { errorcode: 530, errortext: String(controls.signal.reason) } }),
          );
        });
      });
      const { jobId } = await service.submit(submission());
      await started.promise;

      await service.beforeApplicationShutdown();

      const job = await service.get(jobId);
      expect(job).toMatchObject({ status: 2, resultCode: 530 });
      expect(job?.result?.errortext).toContain('shutting down');
    });

    it('leaves a job that ignores the cancellation for the next start, which fails it', async () => {
      await service.beforeApplicationShutdown();
      service = await startService({ shutdownGraceMs: 1 });
      const outcome = deferred<AsyncJobOutcome>();
      const started = deferred<void>();
      run.mockImplementation(() => {
        started.resolve();
        return outcome.promise;
      });
      const { jobId } = await service.submit(submission());
      await started.promise;

      await service.beforeApplicationShutdown();
      await expect(service.get(jobId)).resolves.toMatchObject({ status: 0 });

      service = await startService();
      await expect(service.get(jobId)).resolves.toMatchObject({
        status: 2,
        resultCode: 530,
        result: { errortext: expect.stringContaining('Job was interrupted') },
      });
      // The abandoned work ends; its outcome no longer changes the job.
      outcome.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
    });
  });
});
