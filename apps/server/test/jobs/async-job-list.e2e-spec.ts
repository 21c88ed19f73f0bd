import { type AccountScope, type Caller } from '@csbr/framework/host';

import { type AsyncJobRecord } from '../../src/api/ports/async-job-service';
import { AccountType } from '../../src/database/entities';
import { type DbAsyncJobService } from '../../src/jobs/db-async-job-service';
import { AccountFixtures, type FixtureDomain, type FixtureUser } from '../accounts/support/account-fixtures';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { callerOf } from './support/callers';
import { startJobService } from './support/started-job-service';
import { TestClock } from './support/test-clock';

const BACKUP_COMMANDS = 'org.apache.cloudstack.api.command.user.backup';
const START = new Date('2025-05-01T08:00:00Z');

interface SubmittedJob {
  readonly uuid: string;
  readonly label: string;
}

describe('DbAsyncJobService lists on MariaDB', () => {
  let database: MigratedDatabase;
  let service: DbAsyncJobService;
  let root: FixtureDomain;
  let sales: FixtureDomain;
  let east: FixtureDomain;
  let admin: FixtureUser;
  let alice: FixtureUser;
  let amy: FixtureUser;
  let erin: FixtureUser;
  /** Oldest first. */
  const jobs: SubmittedJob[] = [];

  const ALL: AccountScope = { kind: 'all' };

  beforeAll(async () => {
    database = await openMigratedDatabase();
    const fixtures = new AccountFixtures(database.dataSource.manager);
    root = await fixtures.domain('ROOT', '/');
    sales = await fixtures.domain('sales', '/sales/', { parent: root });
    east = await fixtures.domain('east', '/sales/east/', { parent: sales });
    // A sibling whose path starts like /sales: must not be taken for a subdomain.
    const salesforce = await fixtures.domain('salesforce', '/salesforce/', { parent: root });
    admin = await fixtures.user('admin', await fixtures.account('admin', root, { type: AccountType.Admin }));
    const salesUsers = await fixtures.account('sales-users', sales);
    alice = await fixtures.user('alice', salesUsers);
    amy = await fixtures.user('amy', salesUsers);
    erin = await fixtures.user('erin', await fixtures.account('east-users', east));
    const sam = await fixtures.user('sam', await fixtures.account('sf-users', salesforce));

    const clock = new TestClock(START);
    service = await startJobService(database.dataSource, '42', { clock });
    const submit = async (label: string, user: FixtureUser, cmd: string, role: Caller['roleType'] = 'User') => {
      const { jobId } = await service.submit({
        command: label,
        cmd: `${BACKUP_COMMANDS}.${cmd}`,
        params: {},
        caller: callerOf(user, role),
      });
      await service.settled(jobId);
      jobs.push({ uuid: jobId, label });
    };
    await submit('admin-1', admin, 'CreateBackupCmd', 'Admin');
    clock.advanceSeconds(60);
    await submit('alice-1', alice, 'CreateBackupCmd');
    clock.advanceSeconds(60);
    await submit('amy-1', amy, 'DeleteBackupCmd');
    clock.advanceSeconds(60);
    await submit('erin-1', erin, 'RestoreBackupCmd');
    clock.advanceSeconds(60);
    await submit('sam-1', sam, 'CreateBackupCmd');
    // Same second as sam-1: the later submission still comes first.
    await submit('alice-2', alice, 'DeleteBackupCmd');
  });

  afterAll(async () => {
    await service?.beforeApplicationShutdown();
    await database?.close();
  });

  function labels(items: readonly AsyncJobRecord[]): string[] {
    return items.map((item) => jobs.find((job) => job.uuid === item.uuid)?.label ?? item.uuid);
  }

  it('lists every job newest first, with the total', async () => {
    const page = await service.list({ scope: ALL }, { offset: 0 });

    expect(page.total).toBe(6);
    expect(labels(page.items)).toEqual(['alice-2', 'sam-1', 'erin-1', 'amy-1', 'alice-1', 'admin-1']);
    expect(page.items[0]).toMatchObject({ accountName: 'sales-users', domainPath: '/sales/', userUuid: alice.uuid, status: 1 });
  });

  it('lists one account only', async () => {
    const page = await service.list({ scope: { kind: 'account', accountId: alice.account.id } }, { offset: 0 });

    expect(labels(page.items)).toEqual(['alice-2', 'amy-1', 'alice-1']);
    expect(page.total).toBe(3);
  });

  it('lists one domain, or a domain and its subdomains', async () => {
    const domainOnly = await service.list(
      { scope: { kind: 'domain', domainId: sales.id, domainPath: sales.path, recursive: false } },
      { offset: 0 },
    );
    const withSubdomains = await service.list(
      { scope: { kind: 'domain', domainId: sales.id, domainPath: sales.path, recursive: true } },
      { offset: 0 },
    );
    const fromRoot = await service.list(
      { scope: { kind: 'domain', domainId: root.id, domainPath: root.path, recursive: false } },
      { offset: 0 },
    );

    expect(labels(domainOnly.items)).toEqual(['alice-2', 'amy-1', 'alice-1']);
    expect(labels(withSubdomains.items)).toEqual(['alice-2', 'erin-1', 'amy-1', 'alice-1']);
    expect(withSubdomains.total).toBe(4);
    expect(labels(fromRoot.items)).toEqual(['admin-1']);
  });

  it('filters by command class name and by start date', async () => {
    const deletes = await service.list({ scope: ALL, keyword: 'DeleteBackup' }, { offset: 0 });
    const recent = await service.list({ scope: ALL, startDate: new Date(START.getTime() + 180_000) }, { offset: 0 });
    const literal = await service.list({ scope: ALL, keyword: '%' }, { offset: 0 });

    expect(labels(deletes.items)).toEqual(['alice-2', 'amy-1']);
    expect(labels(recent.items)).toEqual(['alice-2', 'sam-1', 'erin-1']);
    expect(literal.total).toBe(0);
  });

  it('pages in SQL, keeping the total of all matching jobs', async () => {
    const second = await service.list({ scope: ALL }, { offset: 2, limit: 2 });
    const rest = await service.list({ scope: ALL }, { offset: 4 });
    const past = await service.list({ scope: ALL }, { offset: 6, limit: 2 });
    const empty = await service.list({ scope: ALL }, { offset: 0, limit: 0 });

    expect(labels(second.items)).toEqual(['erin-1', 'amy-1']);
    expect(second.total).toBe(6);
    expect(labels(rest.items)).toEqual(['alice-1', 'admin-1']);
    expect(past).toEqual({ items: [], total: 6 });
    expect(empty).toEqual({ items: [], total: 6 });
  });

  it('shows each job with its owner fields', async () => {
    const page = await service.list({ scope: { kind: 'account', accountId: erin.account.id } }, { offset: 0 });

    expect(page.items).toEqual([
      expect.objectContaining({
        accountId: erin.account.id,
        accountUuid: erin.account.uuid,
        accountName: 'east-users',
        domainId: east.id,
        domainUuid: east.uuid,
        domainPath: '/sales/east/',
        userUuid: erin.uuid,
        cmd: `${BACKUP_COMMANDS}.RestoreBackupCmd`,
        created: new Date(START.getTime() + 180_000),
        completed: new Date(START.getTime() + 180_000),
      }),
    ]);
  });
});
