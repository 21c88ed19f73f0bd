import { type NewBackupOperation, type TransactionRunner } from '@csbr/framework/host';
import { FixedClock, InMemoryConfigurationStore } from '@csbr/framework/testing';

import { BackupOperationEntity, BackupVmGuardEntity } from '../../src/database/entities';
import { createRepositories, TypeOrmTransactionRunner } from '../../src/persistence';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type SeededAccount, type SeededZone, Seeder } from './support/seeder';

const ME = '1001';
const DEAD = '2002';

describe('TypeOrmBackupOperationRepository on MariaDB', () => {
  let db: MigratedDatabase;
  let seed: Seeder;
  let zone: SeededZone;
  let account: SeededAccount;
  let mine: TransactionRunner;
  let deadOnes: TransactionRunner;
  const clock = new FixedClock('2020-03-04T10:23:45Z');

  beforeAll(async () => {
    db = await openMigratedDatabase();
    seed = new Seeder(db.dataSource.manager);
    const config = new InMemoryConfigurationStore();
    mine = new TypeOrmTransactionRunner(db.dataSource, config, clock, ME);
    deadOnes = new TypeOrmTransactionRunner(db.dataSource, config, clock, DEAD);
    account = await seed.account('alice', await seed.domain('ROOT', '/'));
    zone = await seed.zone('zone-a');
  });

  afterAll(async () => {
    await db.close();
  });

  function operation(vmIds: string[], overrides: Partial<NewBackupOperation> = {}): NewBackupOperation {
    return {
      kind: 'CreateBackup',
      vmIds,
      created: clock.now(),
      deadline: new Date(clock.now().getTime() + 60_000),
      payload: '{"x":1}',
      ...overrides,
    };
  }

  it('records the operation and guards its VMs, refusing a second operation on any of them', async () => {
    const a = await seed.vm('a', zone, account);
    const b = await seed.vm('b', zone, account);
    const restoring = await mine.run((tx) => tx.operations.begin(operation([b.id, a.id], { kind: 'RestoreVolume', jobId: 'job-1' })));

    expect(restoring).toMatchObject({ kind: 'RestoreVolume', vmIds: [a.id, b.id], ownerId: ME, state: 'Running', jobId: 'job-1' });
    await expect(mine.run((tx) => tx.operations.begin(operation([b.id])))).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      retryable: true,
      message: `Another backup operation is in progress for VM ${b.uuid}, please try again later`,
    });
    // The refused operation left nothing behind.
    expect(await db.dataSource.manager.countBy(BackupOperationEntity, { kind: 'CreateBackup' })).toBe(0);
    const repos = createRepositories(db.dataSource.manager, new InMemoryConfigurationStore(), clock, ME);
    await expect(repos.operations.findByVm(a.id)).resolves.toMatchObject({ id: restoring.id, payload: '{"x":1}' });
    await expect(repos.operations.findByJob('job-1')).resolves.toMatchObject({ id: restoring.id });

    await expect(mine.run((tx) => tx.operations.end(restoring.id))).resolves.toBe(true);
    expect(await db.dataSource.manager.countBy(BackupVmGuardEntity, {})).toBe(0);
    const next = await mine.run((tx) => tx.operations.begin(operation([b.id])));
    await mine.run((tx) => tx.operations.end(next.id));
  });

  it('lets exactly one instance take over a dead instance\u2019s operation, and fences the dead one out', async () => {
    const vm = await seed.vm('c', zone, account);
    const orphan = await deadOnes.run((tx) => tx.operations.begin(operation([vm.id], { kind: 'AssignPolicy', policyId: '9' })));
    await deadOnes.run((tx) => tx.operations.markProviderDone(orphan.id, '{"externalId":"job"}'));
    const repos = createRepositories(db.dataSource.manager, new InMemoryConfigurationStore(), clock, ME);

    await expect(repos.operations.countByPolicy('9')).resolves.toBe(1);
    await expect(repos.operations.listByOwner(DEAD)).resolves.toEqual([
      expect.objectContaining({ id: orphan.id, vmIds: [vm.id], state: 'ProviderDone', result: '{"externalId":"job"}' }),
    ]);
    const attempts = await Promise.all([
      repos.operations.takeOver(orphan.id, DEAD),
      repos.operations.takeOver(orphan.id, DEAD),
    ]);
    expect(attempts.filter(Boolean)).toHaveLength(1);
    // The instance counted dead can no longer end what was taken from it.
    await expect(deadOnes.run((tx) => tx.operations.end(orphan.id))).resolves.toBe(false);
    await expect(mine.run((tx) => tx.operations.end(orphan.id))).resolves.toBe(true);
  });
});
