import { type Repositories, type TransactionRunner } from '@csbr/framework/host';
import { FixedClock, InMemoryConfigurationStore } from '@csbr/framework/testing';

import { BackupPolicyEntity, EventEntity, UsageEventEntity } from '../../src/database/entities';
import { createRepositories, TypeOrmTransactionRunner } from '../../src/persistence';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type SeededAccount, type SeededZone, Seeder } from './support/seeder';
import { TEST_MSID } from './support/test-repositories';

describe('TypeOrmTransactionRunner', () => {
  let db: MigratedDatabase;
  let seed: Seeder;
  let repos: Repositories;
  let transactions: TransactionRunner;
  let zone: SeededZone;
  let account: SeededAccount;
  const clock = new FixedClock('2020-03-04T10:23:45Z');

  beforeAll(async () => {
    db = await openMigratedDatabase();
    seed = new Seeder(db.dataSource.manager);
    const config = new InMemoryConfigurationStore();
    repos = createRepositories(db.dataSource.manager, config, clock, TEST_MSID);
    transactions = new TypeOrmTransactionRunner(db.dataSource, config, clock, TEST_MSID);
    const root = await seed.domain('ROOT', '/');
    account = await seed.account('alice', root);
    zone = await seed.zone('zone-a');
  });

  afterAll(async () => {
    await db.close();
  });

  it('commits what the work wrote, events included, and returns its result', async () => {
    const vm = await seed.vm('commit', zone, account);

    const policyId = await transactions.run(async (tx) => {
      const policy = await tx.policies.insert({
        name: 'committed',
        description: '',
        externalId: 'c',
        zoneId: zone.id,
        created: clock.now(),
      });
      await tx.events.action({
        type: 'BACKUP.OFFERING.ASSIGN',
        state: 'Completed',
        description: 'assigned',
        userId: '1',
        accountId: vm.accountId,
        domainId: vm.domainId,
        resourceType: 'VirtualMachine',
        resourceId: vm.id,
      });
      await tx.events.usage({
        type: 'BACKUP.OFFERING.ASSIGN',
        accountId: vm.accountId,
        zoneId: vm.zoneId,
        resourceId: vm.id,
        resourceName: 'commit-gold',
        offeringId: policy.id,
        resourceType: 'Backup',
      });
      return policy.id;
    });

    await expect(repos.policies.findById(policyId)).resolves.toMatchObject({ name: 'committed' });
    const event = await db.dataSource.manager.findOneByOrFail(EventEntity, {
      description: 'assigned',
    });
    expect(event).toMatchObject({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'BACKUP.OFFERING.ASSIGN',
      state: 'Completed',
      level: 'INFO',
      userId: '1',
      accountId: vm.accountId,
      domainId: vm.domainId,
      resourceType: 'VirtualMachine',
      resourceId: vm.id,
      created: clock.now(),
      startId: '0',
      archived: false,
      display: true,
    });
    const usage = await db.dataSource.manager.findOneByOrFail(UsageEventEntity, {
      resourceName: 'commit-gold',
    });
    expect(usage).toMatchObject({
      type: 'BACKUP.OFFERING.ASSIGN',
      accountId: vm.accountId,
      zoneId: vm.zoneId,
      resourceId: vm.id,
      offeringId: policyId,
      size: null,
      virtualSize: null,
      resourceType: 'Backup',
      processed: false,
      created: clock.now(),
    });
  });

  it('writes ERROR events and usage sizes as given', async () => {
    const vm = await seed.vm('metric', zone, account);

    await transactions.run(async (tx) => {
      await tx.events.action({
        type: 'BACKUP.CREATE',
        state: 'Completed',
        level: 'ERROR',
        description: 'failed backup',
        userId: '1',
        accountId: vm.accountId,
        domainId: vm.domainId,
      });
      await tx.events.usage({
        type: 'BACKUP.USAGE.METRIC',
        accountId: vm.accountId,
        zoneId: vm.zoneId,
        resourceId: vm.id,
        resourceName: 'metric-usage',
        size: 1_073_741_824,
        virtualSize: 10_737_418_240,
        resourceType: 'Backup',
      });
    });

    await expect(
      db.dataSource.manager.findOneByOrFail(EventEntity, { description: 'failed backup' }),
    ).resolves.toMatchObject({
      level: 'ERROR',
      resourceId: null,
      resourceType: null,
    });
    await expect(
      db.dataSource.manager.findOneByOrFail(UsageEventEntity, { resourceName: 'metric-usage' }),
    ).resolves.toMatchObject({ size: '1073741824', virtualSize: '10737418240', offeringId: null });
  });

  it('rolls everything back when the work throws, and rethrows its error', async () => {
    const failure = new Error('provider call failed');

    await expect(
      transactions.run(async (tx) => {
        await tx.policies.insert({
          name: 'rolled-back',
          description: '',
          externalId: 'rb',
          zoneId: zone.id,
          created: clock.now(),
        });
        await tx.events.action({
          type: 'BACKUP.IMPORT.OFFERING',
          state: 'Completed',
          description: 'rolled back event',
          userId: '1',
          accountId: account.id,
          domainId: account.domainId,
        });
        throw failure;
      }),
    ).rejects.toBe(failure);

    await expect(
      db.dataSource.manager.countBy(BackupPolicyEntity, { name: 'rolled-back' }),
    ).resolves.toBe(0);
    await expect(
      db.dataSource.manager.countBy(EventEntity, { description: 'rolled back event' }),
    ).resolves.toBe(0);
  });
});
