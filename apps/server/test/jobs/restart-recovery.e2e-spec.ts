import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ASYNC_JOB_SERVICE } from '../../src/api/ports/api-tokens';
import { type AsyncJobOutcome, type AsyncJobService } from '../../src/api/ports/async-job-service';
import { type ServerConfig } from '../../src/config/server-config';
import { ServerConfigModule } from '../../src/config/server-config.module';
import { AsyncJobEntity } from '../../src/database/entities';
import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { defaultManagementServerId } from '../../src/config/env';
import { DbAsyncJobService, JobsModule, MANAGEMENT_SERVER_ID } from '../../src/jobs';
import { AccountFixtures, type FixtureUser } from '../accounts/support/account-fixtures';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { createTempDir, testConfig } from '../support/test-server';
import { callerOf } from './support/callers';
import { deferred } from './support/deferred';
import { startJobService } from './support/started-job-service';

const PORT = 4711;
const OTHER_INSTANCE_ID = '987654321';

/** The jobs as a server on `config` runs them: JobsModule over its own connection. */
async function startJobsContext(config: ServerConfig): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ServerConfigModule.forRoot(config),
      TypeOrmModule.forRoot({
        ...buildTypeOrmOptions(config.database),
        retryAttempts: 0,
      }),
      JobsModule,
    ],
  })
  class JobsTestAppModule {}

  return NestFactory.createApplicationContext(JobsTestAppModule, { logger: false });
}

describe('Async jobs across a restart (JobsModule on MariaDB)', () => {
  let database: MigratedDatabase;
  let dataDir: { path: string; remove(): void };
  let config: ServerConfig;
  let alice: FixtureUser;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    dataDir = createTempDir();
    config = testConfig({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path, PORT: String(PORT) });
    const fixtures = new AccountFixtures(database.dataSource.manager);
    const root = await fixtures.domain('ROOT', '/');
    alice = await fixtures.user('alice', await fixtures.account('alice', root));
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    dataDir?.remove();
  });

  it('derives a management server id that is stable across restarts and ports, from the host and the data folder', () => {
    const id = defaultManagementServerId(hostname(), dataDir.path);

    expect(id).toMatch(/^\d+$/);
    expect(Number.isSafeInteger(Number(id))).toBe(true);
    expect(config.cluster.managementServerId).toBe(id);
    expect(testConfig({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path, PORT: '4712' }).cluster.managementServerId).toBe(id);
    expect(defaultManagementServerId(hostname(), `${dataDir.path}-other`)).not.toBe(id);
    expect(defaultManagementServerId('another-host', dataDir.path)).not.toBe(id);
    expect(
      testConfig({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path, CSBR_MANAGEMENT_SERVER_ID: '42' }).cluster.managementServerId,
    ).toBe('42');
  });

  it('fails the jobs a previous run of this server left pending, and leaves other instances\u2019 jobs alone', async () => {
    const ownId = config.cluster.managementServerId;
    const otherId = OTHER_INSTANCE_ID;

    // The previous process: one job finished, one still running when it "crashed".
    const neverEnding = deferred<AsyncJobOutcome>();
    const started = deferred<void>();
    let answer = (): Promise<AsyncJobOutcome> =>
      Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
    const previous = await startJobService(database.dataSource, ownId, { handler: { run: () => answer() } });
    const submission = {
      command: 'createBackup',
      cmd: 'org.apache.cloudstack.api.command.user.backup.CreateBackupCmd',
      params: {},
      caller: callerOf(alice),
    };
    const finished = await previous.submit(submission);
    await previous.settled(finished.jobId);
    answer = () => {
      started.resolve();
      return neverEnding.promise;
    };
    const interrupted = await previous.submit(submission);
    await started.promise;
    // Another instance's job, still running there.
    const otherJob = randomUUID();
    await database.dataSource.manager.insert(AsyncJobEntity, {
      uuid: otherJob,
      userId: alice.id,
      accountId: alice.account.id,
      jobCmd: submission.cmd,
      jobStatus: 0,
      jobResultCode: 0,
      jobInitMsid: otherId,
      jobExecutingMsid: otherId,
      related: otherJob,
      created: new Date('2025-01-01T00:00:00Z'),
      lastUpdated: new Date('2025-01-01T00:00:00Z'),
    });

    app = await startJobsContext(config);
    const jobs = app.get<AsyncJobService>(ASYNC_JOB_SERVICE);

    expect(app.get<string>(MANAGEMENT_SERVER_ID)).toBe(ownId);
    const failed = await jobs.get(interrupted.jobId);
    expect(failed).toMatchObject({
      status: 2,
      resultCode: 530,
      result: {
        errorcode: 530,
        errortext: expect.stringContaining('Job was interrupted: the management server running it stopped'),
      },
    });
    expect(failed?.completed).toBeInstanceOf(Date);
    await expect(database.dataSource.manager.findOneByOrFail(AsyncJobEntity, { uuid: interrupted.jobId })).resolves.toMatchObject({
      jobCompleteMsid: ownId,
    });
    await expect(jobs.get(otherJob)).resolves.toMatchObject({ status: 0 });
    await expect(jobs.get(finished.jobId)).resolves.toMatchObject({ status: 1, result: { success: true } });

    // Should the old work still report, it does not overwrite the recorded failure.
    neverEnding.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
    await previous.settled(interrupted.jobId);
    await expect(jobs.get(interrupted.jobId)).resolves.toMatchObject({ status: 2, resultCode: 530 });
    await previous.beforeApplicationShutdown();
  });

  it('runs new jobs on the restarted server and lets them finish before closing', async () => {
    app ??= await startJobsContext(config);
    const jobs = app.get<AsyncJobService>(ASYNC_JOB_SERVICE);
    expect(jobs).toBeInstanceOf(DbAsyncJobService);
    const outcome = deferred<AsyncJobOutcome>();
    const started = deferred<void>();
    jobs.serve({
      run: () => {
        started.resolve();
        return outcome.promise;
      },
    });

    const { jobId } = await jobs.submit({
      command: 'deleteBackup',
      cmd: 'DeleteBackupCmd',
      params: {},
      caller: callerOf(alice),
    });
    await started.promise;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    // A round trip on the test's own connection: the closing server is meanwhile waiting for the job.
    await expect(
      database.dataSource.manager.findOneByOrFail(AsyncJobEntity, { uuid: jobId }),
    ).resolves.toMatchObject({ jobStatus: 0 });
    expect(closed).toBe(false);
    outcome.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
    await closing;
    app = undefined;

    await expect(
      database.dataSource.manager.findOneByOrFail(AsyncJobEntity, { uuid: jobId }),
    ).resolves.toMatchObject({ jobStatus: 1, jobExecutingMsid: config.cluster.managementServerId });
  });
});
