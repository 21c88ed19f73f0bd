import { randomUUID } from 'node:crypto';

import { type BackupPolicy } from '@csbr/framework';
import { type NewBackup, type Repositories } from '@csbr/framework/host';

import { BackupEntity } from '../../src/database/entities';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { countStatements } from '../support/statement-counter';
import {
  type SeededAccount,
  type SeededDomain,
  type SeededVm,
  type SeededZone,
  Seeder,
} from './support/seeder';
import { testRepositories } from './support/test-repositories';

describe('TypeOrmBackupRepository', () => {
  let db: MigratedDatabase;
  let seed: Seeder;
  let repos: Repositories;
  let root: SeededDomain;
  let zone: SeededZone;
  let account: SeededAccount;
  let policy: BackupPolicy;
  const date = new Date('2020-03-04T10:23:45Z');

  beforeAll(async () => {
    db = await openMigratedDatabase();
    seed = new Seeder(db.dataSource.manager);
    repos = testRepositories(db.dataSource);
    root = await seed.domain('ROOT', '/');
    account = await seed.account('alice', root);
    zone = await seed.zone('zone-a');
    policy = await repos.policies.insert({
      name: 'gold',
      description: '',
      externalId: 'g',
      zoneId: zone.id,
      created: date,
    });
  });

  afterAll(async () => {
    await db.close();
  });

  function newBackup(
    vm: SeededVm,
    externalId: string,
    overrides: Partial<NewBackup> = {},
  ): NewBackup {
    return {
      vmId: vm.id,
      name: `backup-${externalId}`,
      externalId,
      type: 'FULL',
      date,
      size: 1_073_741_824,
      protectedSize: 10_737_418_240,
      status: 'BackedUp',
      policyId: policy.id,
      accountId: vm.accountId,
      domainId: vm.domainId,
      zoneId: vm.zoneId,
      volumes: [{ uuid: 'root-uuid', type: 'ROOT', size: 10_737_418_240, path: 'root.qcow2' }],
      ...overrides,
    };
  }

  it('inserts a backup with a new uuid and reads it back', async () => {
    const vm = await seed.vm('web', zone, account);

    const backup = await repos.backups.insert(newBackup(vm, 'rp-1'));

    expect(backup).toEqual({
      ...newBackup(vm, 'rp-1'),
      id: expect.stringMatching(/^\d+$/),
      uuid: expect.any(String),
    });
    await expect(repos.backups.findById(backup.id)).resolves.toEqual(backup);
  });

  it("stores a backup's description, interval type (Backup.Type ordinal) and schedule, and reads them back", async () => {
    const vm = await seed.vm('described', zone, account);
    const fields = { description: 'Before the upgrade', intervalType: 'WEEKLY', scheduleId: '77' } as const;

    const backup = await repos.backups.insert(newBackup(vm, 'rp-described', fields));

    await expect(repos.backups.findById(backup.id)).resolves.toEqual(backup);
    expect(backup).toMatchObject(fields);
    const [row] = await db.dataSource.query<Record<string, unknown>[]>(
      'SELECT description, backup_interval_type, backup_schedule_id FROM backups WHERE id = ?',
      [backup.id],
    );
    expect({ ...row, backup_interval_type: String(row?.backup_interval_type), backup_schedule_id: String(row?.backup_schedule_id) }).toEqual({
      description: 'Before the upgrade',
      backup_interval_type: '3',
      backup_schedule_id: '77',
    });
  });

  it('refuses the same restore point twice for a VM while the first is active', async () => {
    const vm = await seed.vm('dup', zone, account);
    const first = await repos.backups.insert(newBackup(vm, 'rp-dup'));

    await expect(repos.backups.insert(newBackup(vm, 'rp-dup'))).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });

    await repos.backups.markRemoved([first.id], date);
    await expect(repos.backups.insert(newBackup(vm, 'rp-dup'))).resolves.toMatchObject({
      externalId: 'rp-dup',
    });
  });

  it('marks backups removed, hiding them from the VM list', async () => {
    const vm = await seed.vm('cleanup', zone, account);
    const keep = await repos.backups.insert(newBackup(vm, 'keep'));
    const drop1 = await repos.backups.insert(newBackup(vm, 'drop-1'));
    const drop2 = await repos.backups.insert(newBackup(vm, 'drop-2'));
    const removedAt = new Date('2020-03-05T00:00:00Z');

    await repos.backups.markRemoved([drop1.id, drop2.id], removedAt);
    await repos.backups.markRemoved([], removedAt);

    await expect(repos.backups.listActiveByVm(vm.id)).resolves.toEqual([keep]);
    await expect(repos.backups.findById(drop1.id)).resolves.toBeUndefined();
    await expect(repos.backups.findById(drop1.id, { includeRemoved: true })).resolves.toEqual({
      ...drop1,
      status: 'Removed',
      removed: removedAt,
    });
  });

  it('updates the sizes of a backup', async () => {
    const vm = await seed.vm('sizes', zone, account);
    const backup = await repos.backups.insert(newBackup(vm, 'rp-sizes'));

    await repos.backups.updateSizes(backup.id, 2048, 4096);

    await expect(repos.backups.findById(backup.id)).resolves.toMatchObject({
      size: 2048,
      protectedSize: 4096,
    });
  });

  describe('list', () => {
    let listZone: SeededZone;
    let sales: SeededDomain;
    let salesAccount: SeededAccount;
    let web: SeededVm;
    let db1: SeededVm;
    let percent: SeededVm;

    beforeAll(async () => {
      listZone = await seed.zone('list-zone');
      sales = await seed.domain('sales', '/sales/', root);
      salesAccount = await seed.account('bob', sales);
      web = await seed.vm('web01', listZone, account);
      db1 = await seed.vm('db_01', listZone, salesAccount);
      percent = await seed.vm('dbx%01', listZone, salesAccount);
      await repos.backups.insert(newBackup(web, 'w1', { zoneId: listZone.id }));
      await repos.backups.insert(newBackup(db1, 'd1', { zoneId: listZone.id }));
      await repos.backups.insert(newBackup(web, 'w2', { zoneId: listZone.id }));
      await repos.backups.insert(newBackup(percent, 'p1', { zoneId: listZone.id }));
      const removed = await repos.backups.insert(
        newBackup(db1, 'd-removed', { zoneId: listZone.id }),
      );
      await repos.backups.markRemoved([removed.id], date);
    });

    it('lists active backups by id with VM, owner, zone and policy names', async () => {
      const page = await repos.backups.list(
        { zoneId: listZone.id, scope: { kind: 'all' } },
        { offset: 0 },
      );

      expect(page.total).toBe(4);
      expect(page.items.map((b) => b.externalId)).toEqual(['w1', 'd1', 'w2', 'p1']);
      expect(page.items[1]).toEqual({
        ...newBackup(db1, 'd1', { zoneId: listZone.id }),
        id: expect.any(String),
        uuid: expect.any(String),
        vmUuid: db1.uuid,
        vmName: 'db_01',
        accountUuid: salesAccount.uuid,
        accountName: 'bob',
        domainUuid: sales.uuid,
        domainName: 'sales',
        zoneUuid: listZone.uuid,
        zoneName: 'list-zone',
        policyUuid: policy.uuid,
        policyName: 'gold',
        // The seeded VM is not (or no longer) assigned to the backup's policy.
        vmPolicyRemoved: true,
      });
    });

    it('pages and counts', async () => {
      const page = await repos.backups.list(
        { zoneId: listZone.id, scope: { kind: 'all' } },
        { offset: 2, limit: 1 },
      );

      expect(page).toMatchObject({ total: 4, items: [{ externalId: 'w2' }] });
    });

    it('filters by VM and by id', async () => {
      const byVm = await repos.backups.list(
        { vmId: web.id, scope: { kind: 'all' } },
        { offset: 0 },
      );
      const one = await repos.backups.list(
        { id: byVm.items[1]!.id, scope: { kind: 'all' } },
        { offset: 0 },
      );

      expect(byVm.items.map((b) => b.externalId)).toEqual(['w1', 'w2']);
      expect(one).toMatchObject({ total: 1, items: [{ externalId: 'w2' }] });
    });

    it('filters by a keyword in the VM name, taking % and _ literally', async () => {
      const keyword = async (kw: string) =>
        (
          await repos.backups.list(
            { zoneId: listZone.id, keyword: kw, scope: { kind: 'all' } },
            { offset: 0 },
          )
        ).items.map((b) => b.vmName);

      await expect(keyword('WEB')).resolves.toEqual(['web01', 'web01']);
      await expect(keyword('b_0')).resolves.toEqual(['db_01']);
      await expect(keyword('x%0')).resolves.toEqual(['dbx%01']);
    });

    it('applies the account scope', async () => {
      const all = { zoneId: listZone.id } as const;
      const externalIds = async (scope: Parameters<Repositories['backups']['list']>[0]['scope']) =>
        (await repos.backups.list({ ...all, scope }, { offset: 0 })).items.map((b) => b.externalId);

      await expect(externalIds({ kind: 'account', accountId: account.id })).resolves.toEqual([
        'w1',
        'w2',
      ]);
      await expect(
        externalIds({
          kind: 'domain',
          domainId: sales.id,
          domainPath: sales.path,
          recursive: false,
        }),
      ).resolves.toEqual(['d1', 'p1']);
      await expect(
        externalIds({ kind: 'domain', domainId: root.id, domainPath: '/', recursive: false }),
      ).resolves.toEqual(['w1', 'w2']);
      await expect(
        externalIds({ kind: 'domain', domainId: root.id, domainPath: '/', recursive: true }),
      ).resolves.toEqual(['w1', 'd1', 'w2', 'p1']);
    });
  });

  describe('listing many backups', () => {
    let bulkZone: SeededZone;

    beforeAll(async () => {
      bulkZone = await seed.zone('bulk-zone');
      const vms: SeededVm[] = [];
      for (let index = 0; index < 10; index += 1) {
        const owner = await seed.account(`bulk-${index}`, root);
        vms.push(await seed.vm(`bulk-vm-${index}`, bulkZone, owner));
      }
      const rows = Array.from({ length: 500 }, (_, index) => {
        const vm = vms[index % vms.length]!;
        return {
          uuid: randomUUID(),
          vmId: vm.id,
          name: `bulk-${index}`,
          externalId: `bulk-${index}`,
          type: 'FULL',
          date,
          size: '1',
          protectedSize: '2',
          status: 'BackedUp',
          policyId: policy.id,
          accountId: vm.accountId,
          domainId: vm.domainId,
          zoneId: bulkZone.id,
          volumes: '[]',
        };
      });
      await db.dataSource.manager.insert(BackupEntity, rows);
    });

    it('reads 500 backups with their names and the total in one statement, whatever the page size', async () => {
      let page: Awaited<ReturnType<Repositories['backups']['list']>> | undefined;

      const statements = await countStatements(db.dataSource, async () => {
        page = await repos.backups.list(
          { zoneId: bulkZone.id, scope: { kind: 'all' } },
          { offset: 0 },
        );
      });

      expect(page?.total).toBe(500);
      expect(page?.items).toHaveLength(500);
      expect(
        page?.items.every(
          (b) => b.vmName.startsWith('bulk-vm-') && b.accountName.startsWith('bulk-'),
        ),
      ).toBe(true);
      expect(statements).toBe(1);
    });

    it('reads a page of a long list, with the total, in one statement', async () => {
      let page: Awaited<ReturnType<Repositories['backups']['list']>> | undefined;
      const statements = await countStatements(db.dataSource, async () => {
        page = await repos.backups.list({ zoneId: bulkZone.id, scope: { kind: 'all' } }, { offset: 480, limit: 50 });
      });

      expect(page?.items).toHaveLength(20);
      expect(page?.total).toBe(500);
      expect(statements).toBe(1);
    });

    it('still counts the matching backups for a page past the end, with a second statement', async () => {
      let page: Awaited<ReturnType<Repositories['backups']['list']>> | undefined;
      const statements = await countStatements(db.dataSource, async () => {
        page = await repos.backups.list({ zoneId: bulkZone.id, scope: { kind: 'all' } }, { offset: 600, limit: 50 });
      });

      expect(page).toEqual({ items: [], total: 500 });
      expect(statements).toBe(2);
    });
  });
});
