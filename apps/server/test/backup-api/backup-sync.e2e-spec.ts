import { randomUUID } from 'node:crypto';

import { type BackupManager } from '@csbr/framework/host';

import { BACKUP_MANAGER } from '../../src/backup-api/backup-api.tokens';
import { type JsonBody } from '../support/json-body';
import { type SignedClient } from '../support/signed-client';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectJobSuccess } from './support/api-expectations';

/**
 * The sync with the dummy provider, as CloudStack's dummy (spec §5, §7.1): it has no restore-point
 * listing, so the sync never adds or removes dummy backups and only records usage. Reconciliation
 * through the real server is covered with a listing provider in backup-sync-reconciliation.
 */
describe('background sync with the dummy provider: usage, backup rows untouched (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;
  let policyUuid: string;
  let policyId: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
    policyUuid = await env.importPolicy(zone, 'gold-policy', `Gold ${zone.name}`, 'Gold policy');
    const [row] = await env.query('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
    policyId = String(row?.id);
  });

  afterAll(async () => {
    await env?.close();
  });

  it("keeps every backup row as it is and records the VM's usage metric", async () => {
    const vm = await protectedVm('synced', zone, policyUuid);
    const taken = await createBackup(vm);
    // A row the dummy never took in this process (as after a restart): a reconciling sync would
    // remove it; the dummy's sync must not.
    const olderUuid = randomUUID();
    await env.query(
      `INSERT INTO backups (uuid, name, vm_id, external_id, type, date, size, protected_size, status, backup_offering_id,
                            account_id, domain_id, zone_id, backed_volumes)
       VALUES (?, 'synced-before-a-restart', ?, 'dummy-from-before-a-restart', 'FULL', NOW(), 1024, 1024000, 'BackedUp', ?, ?, ?, ?, '[]')`,
      [olderUuid, vm.id, policyId, alice.id, alice.domainId, zone.id],
    );
    const before = await activeBackups(vm);

    const report = await env.runSync();

    expect(report).toMatchObject({ zones: 1, vms: 1, created: 0, removed: 0, failed: 0, skipped: 0 });
    expect(before.map((row) => row.uuid)).toEqual([taken.id, olderUuid]);
    expect(await activeBackups(vm)).toEqual(before);
    const [metric] = await env.query(
      "SELECT account_id, zone_id, resource_name, offering_id, size, virtual_size, resource_type FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?",
      [vm.id],
    );
    expect(metric).toEqual({
      account_id: alice.id,
      zone_id: zone.id,
      resource_name: `Backup-synced-${vm.uuid}`,
      offering_id: policyId,
      size: '1000',
      virtual_size: '100',
      resource_type: 'Backup',
    });
    const systemCreated = await env.query("SELECT id FROM event WHERE type = 'BACKUP.CREATE' AND user_id = 1");
    expect(systemCreated).toEqual([]);

    // A second run changes no rows either and records the metric again.
    expect(await env.runSync()).toMatchObject({ created: 0, removed: 0, failed: 0 });
    expect(await activeBackups(vm)).toEqual(before);
    const metrics = await env.query(
      "SELECT COUNT(*) AS n FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?",
      [vm.id],
    );
    expect(Number(metrics[0]?.n)).toBe(2);
  });

  it('skips zones where the framework is disabled', async () => {
    const quiet = await env.seed.zone('zone-quiet');
    await env.enableZone(quiet);
    const vm = await protectedVm('quiet-vm', quiet, await env.importPolicy(quiet, 'gold-policy', `Gold ${quiet.name}`, 'Gold policy'));
    await env.configure('backup.framework.enabled', 'false', quiet);

    const report = await env.runSync();

    expect(report.zones).toBe(1);
    const [metrics] = await env.query(
      "SELECT COUNT(*) AS n FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?",
      [vm.id],
    );
    expect(Number(metrics?.n)).toBe(0);
  });

  it('reads its interval from backup.framework.sync.interval on every run', async () => {
    const manager = env.app.get<BackupManager>(BACKUP_MANAGER);
    expect(await manager.syncIntervalSeconds()).toBe(300);
    await env.configure('backup.framework.sync.interval', '2');
    expect(await manager.syncIntervalSeconds()).toBe(2);
  });

  async function protectedVm(name: string, target: SeededZone, policy: string): Promise<SeededVm> {
    const vm = await env.seed.vm(name, target, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policy }));
    return vm;
  }

  function activeBackups(vm: SeededVm): Promise<JsonBody[]> {
    return env.query(
      'SELECT uuid, external_id, size, protected_size, status FROM backups WHERE vm_id = ? AND removed IS NULL ORDER BY id',
      [vm.id],
    );
  }

  async function createBackup(vm: SeededVm): Promise<{ id: string; externalid: string }> {
    const result = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
    return result.backup as { id: string; externalid: string };
  }
});
