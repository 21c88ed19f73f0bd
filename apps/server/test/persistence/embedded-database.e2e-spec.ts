import { type TransactionRunner } from '@csbr/framework/host';
import { FixedClock, InMemoryConfigurationStore } from '@csbr/framework/testing';
import { type DataSource } from 'typeorm';

import { createRepositories, TypeOrmTransactionRunner } from '../../src/persistence';
import { openEmbeddedDatabase } from '../support/migrated-database';
import { type SeededVm, type SeededZone, Seeder } from './support/seeder';
import { TEST_MSID } from './support/test-repositories';

/**
 * The embedded sql.js database: one connection, so transactions must take turns, and SQLite
 * reports unique violations by column list rather than index name.
 */
describe('persistence on the embedded sql.js database', () => {
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  let zone: SeededZone;
  let vm: SeededVm;
  const clock = new FixedClock('2020-03-04T10:23:45Z');
  const config = new InMemoryConfigurationStore();

  beforeAll(async () => {
    dataSource = await openEmbeddedDatabase();
    transactions = new TypeOrmTransactionRunner(dataSource, config, clock, TEST_MSID);
    const seed = new Seeder(dataSource.manager);
    const root = await seed.domain('ROOT', '/');
    const account = await seed.account('alice', root);
    zone = await seed.zone('zone-a');
    vm = await seed.vm('web', zone, account);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('runs concurrent transactions one after another, each committing or rolling back on its own', async () => {
    const order: string[] = [];
    const step = async (label: string) => {
      order.push(label);
      await Promise.resolve();
    };

    const results = await Promise.allSettled([
      transactions.run(async (tx) => {
        await step('first:start');
        await tx.policies.insert({
          name: 'one',
          description: '',
          externalId: 'one',
          zoneId: zone.id,
          created: clock.now(),
        });
        await step('first:end');
      }),
      transactions.run(async (tx) => {
        await step('second:start');
        await tx.policies.insert({
          name: 'two',
          description: '',
          externalId: 'two',
          zoneId: zone.id,
          created: clock.now(),
        });
        await step('second:end');
        throw new Error('second fails');
      }),
      transactions.run(async (tx) => {
        await step('third:start');
        await tx.policies.insert({
          name: 'three',
          description: '',
          externalId: 'three',
          zoneId: zone.id,
          created: clock.now(),
        });
        await step('third:end');
      }),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(order).toEqual([
      'first:start',
      'first:end',
      'second:start',
      'second:end',
      'third:start',
      'third:end',
    ]);
    const repos = createRepositories(dataSource.manager, config, clock, TEST_MSID);
    const names = (await repos.policies.list({ zoneId: zone.id }, { offset: 0 })).items.map(
      (policy) => policy.name,
    );
    expect(names).toEqual(['one', 'three']);
  });

  it('reports unique violations with the CloudStack messages', async () => {
    const repos = createRepositories(dataSource.manager, config, clock, TEST_MSID);
    const policy = await repos.policies.insert({
      name: 'gold',
      description: '',
      externalId: 'g',
      zoneId: zone.id,
      created: clock.now(),
    });

    await expect(
      repos.policies.insert({
        name: 'gold-2',
        description: '',
        externalId: 'g',
        zoneId: zone.id,
        created: clock.now(),
      }),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'A backup policy with external ID g already exists',
    });
    await expect(
      repos.policies.insert({
        name: 'gold',
        description: '',
        externalId: 'g-2',
        zoneId: zone.id,
        created: clock.now(),
      }),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'A backup policy with the same name already exists in this zone',
    });
    await repos.mappings.insert({
      policyId: policy.id,
      vmId: vm.id,
      zoneId: zone.id,
      created: clock.now(),
    });
    await expect(
      repos.mappings.insert({
        policyId: policy.id,
        vmId: vm.id,
        zoneId: zone.id,
        created: clock.now(),
      }),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message:
        'VM already is assigned to a backup policy, please remove the VM from its previous policy',
    });
  });

  it('maps rows the same way as on MySQL (string ids, dates, joined names)', async () => {
    const repos = createRepositories(dataSource.manager, config, clock, TEST_MSID);
    const policyId = (await repos.mappings.findByVm(vm.id))!.policyId;
    const backup = await repos.backups.insert({
      vmId: vm.id,
      name: 'web-1-backup',
      externalId: 'rp-1',
      type: 'FULL',
      date: clock.now(),
      size: 10,
      protectedSize: 20,
      status: 'BackedUp',
      policyId,
      accountId: vm.accountId,
      domainId: vm.domainId,
      zoneId: zone.id,
      volumes: [{ uuid: 'v', type: 'ROOT', size: 20 }],
    });

    await expect(repos.vms.findById(vm.id)).resolves.toMatchObject({
      id: vm.id,
      backupPolicyId: policyId,
    });
    const page = await repos.backups.list({ vmId: vm.id, scope: { kind: 'all' } }, { offset: 0 });
    expect(page).toEqual({
      total: 1,
      items: [
        {
          ...backup,
          vmUuid: vm.uuid,
          vmName: 'web',
          accountUuid: expect.any(String),
          accountName: 'alice',
          domainUuid: expect.any(String),
          domainName: 'ROOT',
          zoneUuid: zone.uuid,
          zoneName: 'zone-a',
          policyUuid: expect.any(String),
          policyName: 'gold',
        },
      ],
    });
    expect(page.items[0]!.date).toEqual(clock.now());
  });

  it('guards a VM with an operation row, and releases it when the operation ends', async () => {
    const begin = () =>
      transactions.run((tx) =>
        tx.operations.begin({
          kind: 'CreateBackup',
          vmIds: [vm.id],
          created: clock.now(),
          deadline: clock.now(),
          payload: '{}',
        }),
      );
    const operation = await begin();
    await expect(begin()).rejects.toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    await expect(transactions.run((tx) => tx.operations.end(operation.id))).resolves.toBe(true);
    const again = await begin();
    await transactions.run((tx) => tx.operations.end(again.id));
  });
});
