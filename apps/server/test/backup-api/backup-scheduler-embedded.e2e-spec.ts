import { DataSource } from 'typeorm';

import { type RunningServer } from '../../src/bootstrap/create-app';
import { ConfigurationService } from '../../src/configuration/configuration.service';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { BackupScheduleEntity } from '../../src/database/entities';
import { randomApiKeys } from '../support/api-keys';
import { SignedClient } from '../support/signed-client';
import { createTempDir, startTestServer } from '../support/test-server';
import { expectJobSuccess } from './support/api-expectations';
import { BackupSeeder } from './support/backup-seeder';
import { installRecordingProvider, recordedCalls } from './support/recording-provider';

/** The embedded (sql.js) database that scripts/start.sh uses: schedules are stored and fire there too. */
describe('backup scheduler on the embedded database', () => {
  const dataDir = createTempDir();
  const pluginDir = createTempDir();
  const keys = randomApiKeys();
  let server: RunningServer;

  beforeAll(async () => {
    installRecordingProvider(pluginDir.path);
    server = await startTestServer({
      CSBR_DATA_DIR: dataDir.path,
      CSBR_PLUGIN_DIR: pluginDir.path,
      CSBR_ADMIN_API_KEY: keys.apiKey,
      CSBR_ADMIN_SECRET_KEY: keys.secretKey,
      CSBR_SCHEDULER_TICK_MS: '200',
      CSBR_JOB_POLL_INTERVAL_MS: '100',
    });
  });

  afterAll(async () => {
    await server?.close();
    dataDir.remove();
    pluginDir.remove();
  });

  it('creates, lists and fires a schedule with retention', async () => {
    const dataSource = server.app.get(DataSource);
    expect(dataSource.options.type).toBe('sqljs');
    const seed = new BackupSeeder(dataSource, server.app.get(SecretCipher));
    const zone = await seed.zone('zone-e');
    const configuration = server.app.get(ConfigurationService);
    await configuration.setValue('backup.framework.enabled', 'true', zone.id);
    await configuration.setValue('backup.framework.provider.plugin', 'recording', zone.id);
    const alice = await seed.account('alice');
    const client = new SignedClient(server.url, alice.apiKey, alice.secretKey);
    const admin = new SignedClient(server.url, keys.apiKey, keys.secretKey);
    const gold = expectJobSuccess(await admin.runJob('importBackupPolicy', { zoneid: zone.uuid, externalid: 'gold', name: 'Gold', description: 'Gold' }))
      .backuppolicy.id as string;
    const vm = await seed.vm('embedded-vm', zone, alice);
    expectJobSuccess(await client.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    const created = await client.call('createBackupSchedule', {
      virtualmachineid: vm.uuid,
      intervaltype: 'WEEKLY',
      schedule: '30:02:1',
      timezone: 'America/New_York',
      maxbackups: 1,
    });
    expect(created.body.backupschedule).toMatchObject({ intervaltype: 'WEEKLY', schedule: '30:02:1', maxbackups: 1 });
    expect((await client.call('listBackupSchedule', { virtualmachineid: vm.uuid })).body.count).toBe(1);

    const takes = () => recordedCalls(pluginDir.path).filter((call) => call.method === 'takeBackup' && call.vm === vm.uuid).length;
    for (let run = 1; run <= 2; run += 1) {
      // Through the entity, so the date is written in the embedded engine's own format.
      await dataSource
        .createQueryBuilder()
        .update(BackupScheduleEntity)
        .set({ scheduledTimestamp: new Date(Date.now() - 1000) })
        .where('uuid = :uuid', { uuid: created.body.backupschedule.id as string })
        .execute();
      const deadline = Date.now() + 15_000;
      while (takes() < run && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(takes()).toBe(run);
    }
    // Retention keeps one good backup; wait for the second run's delete to be recorded.
    const deadline = Date.now() + 15_000;
    let active: unknown[] = [];
    while (Date.now() < deadline) {
      active = await dataSource.query("SELECT id FROM backups WHERE vm_id = ? AND removed IS NULL AND status = 'BackedUp'", [vm.id]);
      if (active.length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(active).toHaveLength(1);
  });
});
