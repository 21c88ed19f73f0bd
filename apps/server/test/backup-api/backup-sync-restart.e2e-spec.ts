import { DataSource } from 'typeorm';

import { BackupSyncScheduler } from '../../src/backup-api/backup-sync-scheduler';
import { type RunningServer } from '../../src/bootstrap/create-app';
import { ConfigurationService } from '../../src/configuration/configuration.service';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { randomApiKeys } from '../support/api-keys';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer } from '../support/test-server';
import { SignedClient } from '../support/signed-client';
import { expectJobSuccess } from './support/api-expectations';
import { BackupSeeder, type SeededAccount, type SeededVm } from './support/backup-seeder';

/**
 * The dummy provider keeps nothing across a restart. Its backups must still outlive one: a backup
 * taken after the restart, followed by a sync, once made every older dummy backup vanish.
 */
describe('dummy backups across a server restart and the sync (MariaDB)', () => {
  const adminKeys = randomApiKeys();
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
  });

  afterAll(async () => {
    try {
      await server?.close();
    } finally {
      await database?.drop();
      dataDir?.remove();
    }
  });

  /** Starts the server on the test's database; the same database and keys on every start. */
  async function start(): Promise<RunningServer> {
    server = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: adminKeys.apiKey,
      CSBR_ADMIN_SECRET_KEY: adminKeys.secretKey,
    });
    return server;
  }

  it('keeps the backups taken before the restart when a new one is taken and the sync runs', async () => {
    const first = await start();
    const { vm, alice } = await protectedDummyVm(first);
    const before = await createBackup(first, alice, vm);
    await first.close();
    server = undefined;

    const second = await start();
    const after = await createBackup(second, alice, vm);
    const report = await second.app.get(BackupSyncScheduler).runOnce();

    expect(report).toMatchObject({ zones: 1, vms: 1, created: 0, removed: 0, failed: 0 });
    expect(after.externalid).not.toBe(before.externalid);
    const listed = await new SignedClient(second.url, alice.apiKey, alice.secretKey).call('listBackups', {
      virtualmachineid: vm.uuid,
    });
    expect(listed.body.count).toBe(2);
    expect((listed.body.backup as { id: string }[]).map((backup) => backup.id)).toEqual([before.id, after.id]);
    const metrics = await second.app
      .get(DataSource)
      .query("SELECT size, virtual_size FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?", [vm.id]);
    expect(metrics).toEqual([{ size: '1000', virtual_size: '100' }]);
  });

  /** A zone with the dummy enabled, alice, and her VM assigned to an imported gold policy. */
  async function protectedDummyVm(running: RunningServer): Promise<{ vm: SeededVm; alice: SeededAccount }> {
    const seed = new BackupSeeder(running.app.get(DataSource), running.app.get(SecretCipher));
    const zone = await seed.zone('zone-a');
    const configuration = running.app.get(ConfigurationService);
    await configuration.setValue('backup.framework.enabled', 'true', zone.id);
    await configuration.setValue('backup.framework.provider.plugin', 'dummy', zone.id);
    const alice = await seed.account('alice');
    const vm = await seed.vm('vm-1', zone, alice);
    const admin = new SignedClient(running.url, adminKeys.apiKey, adminKeys.secretKey);
    const policy = expectJobSuccess(
      await admin.runJob('importBackupPolicy', { zoneid: zone.uuid, externalid: 'gold-policy', name: 'Gold', description: 'Gold' }),
    );
    const aliceClient = new SignedClient(running.url, alice.apiKey, alice.secretKey);
    expectJobSuccess(
      await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policy.backuppolicy.id as string }),
    );
    return { vm, alice };
  }

  async function createBackup(
    running: RunningServer,
    alice: SeededAccount,
    vm: SeededVm,
  ): Promise<{ id: string; externalid: string }> {
    const client = new SignedClient(running.url, alice.apiKey, alice.secretKey);
    const result = expectJobSuccess(await client.runJob('createBackup', { virtualmachineid: vm.uuid }));
    return result.backup as { id: string; externalid: string };
  }
});
