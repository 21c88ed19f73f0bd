import { type DataSource } from 'typeorm';

import { DbAccountDirectory } from '../../src/accounts/db-account-directory';
import { DbApiUserStore } from '../../src/accounts/db-api-user-store';
import { DbUuidResolver } from '../../src/accounts/db-uuid-resolver';
import { type AsyncJobOutcome } from '../../src/api/ports/async-job-service';
import { AccountType, EventEntity } from '../../src/database/entities';
import { DbActionEventWriter } from '../../src/events/db-action-event-writer';
import { AccountFixtures, FIXTURE_CIPHER, type FixtureUser } from '../accounts/support/account-fixtures';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';
import { openEmbeddedDatabase } from '../support/migrated-database';
import { callerOf } from './support/callers';
import { deferred } from './support/deferred';
import { startJobService } from './support/started-job-service';
import { TestClock } from './support/test-clock';

/**
 * The quick start runs on the embedded sql.js database: ids come back as numbers there and dates as
 * text, so the same ports are checked on it too.
 */

// The warnings of the simulated crash are captured and asserted, not printed; kept to the end of the
// file (jest gives each file its own Nest Logger): the abandoned job still logs after its test.
let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});

describe('accounts, jobs and events on the embedded sql.js database', () => {
  let dataSource: DataSource;
  let alice: FixtureUser;
  const clock = new TestClock(new Date('2025-06-01T09:00:00Z'));

  beforeAll(async () => {
    dataSource = await openEmbeddedDatabase();
    const fixtures = new AccountFixtures(dataSource.manager);
    const root = await fixtures.domain('ROOT', '/');
    const sales = await fixtures.domain('sales', '/sales/', { parent: root });
    alice = await fixtures.user(
      'alice',
      await fixtures.account('sales-users', sales, { type: AccountType.DomainAdmin }),
      { password: 'alice-password', apiKey: 'alice-key', secretKey: 'alice-secret' },
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('finds users by key and password, resolves uuids and domains', async () => {
    const users = new DbApiUserStore(dataSource, FIXTURE_CIPHER);

    await expect(users.findByApiKey('alice-key')).resolves.toMatchObject({
      secretKey: 'alice-secret',
      caller: callerOf(alice, 'DomainAdmin'),
    });
    await expect(
      users.authenticate({ username: 'alice', password: 'alice-password', domainPath: '/sales/' }),
    ).resolves.toMatchObject({ userUuid: alice.uuid });
    await expect(new DbUuidResolver(dataSource).resolve('User', alice.uuid)).resolves.toBe(alice.id);
    await expect(new DbAccountDirectory(dataSource).findDomain(alice.account.domain.id)).resolves.toMatchObject({
      path: '/sales/',
    });
  });

  it('runs, lists and recovers jobs', async () => {
    let answer = (): Promise<AsyncJobOutcome> =>
      Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } });
    const service = await startJobService(dataSource, '7', { clock, shutdownGraceMs: 0, handler: { run: () => answer() } });
    const submission = { command: 'createBackup', cmd: 'CreateBackupCmd', params: {}, caller: callerOf(alice) };
    const done = await service.submit(submission);
    await service.settled(done.jobId);
    const started = deferred<void>();
    answer = () => {
      started.resolve();
      return deferred<AsyncJobOutcome>().promise;
    };
    const stuck = await service.submit(submission);
    await started.promise;

    await expect(service.get(done.jobId)).resolves.toMatchObject({ status: 1, domainPath: '/sales/', completed: clock.now() });
    const page = await service.list(
      { scope: { kind: 'domain', domainId: alice.account.domain.id, domainPath: '/sales/', recursive: true } },
      { offset: 1 },
    );
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);

    // The previous run stops polling (its stuck job never ends), as if it had died.
    void service.beforeApplicationShutdown();
    // A restart with the same id recovers the job the previous run left running: it fails, once.
    const restarted = await startJobService(dataSource, '7', { clock });
    await expect(restarted.get(stuck.jobId)).resolves.toMatchObject({ status: 2, resultCode: 530 });
    await expect(restarted.recoverFrom('7')).resolves.toBe(0);
    await restarted.beforeApplicationShutdown();
    expect(logs.texts('warn')).toContain('Ended 1 async job(s) that management server 7 left running');
  });

  it('writes action events linked to their start', async () => {
    const writer = new DbActionEventWriter(dataSource, clock);
    const event = { type: 'BACKUP.DELETE', description: 'deleting backup', command: 'deleteBackup', caller: callerOf(alice), jobId: 'j' };

    await writer.started(event);
    await writer.completed(event);

    const [started, completed] = await dataSource.manager.find(EventEntity, { order: { id: 'ASC' } });
    expect(completed?.startId).toBe(started?.id);
  });
});
