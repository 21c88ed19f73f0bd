import { randomUUID } from 'node:crypto';

import { type BackupManager } from '@csbr/framework/host';

import { BACKUP_MANAGER } from '../../src/backup-api/backup-api.tokens';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectJobSuccess } from './support/api-expectations';
import { type SignedApiClient } from './support/signed-api-client';

describe('background sync: metrics, reconciliation and usage (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedApiClient;
  let policyUuid: string;
  let policyId: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
    policyUuid = await importPolicy(zone);
    const [row] = await env.query('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
    policyId = String(row?.id);
  });

  afterAll(async () => {
    await env?.close();
  });

  it("reconciles the backups table with the provider's restore points and records usage", async () => {
    const vm = await protectedVm('synced', zone, policyUuid);
    const kept = await createBackup(vm);
    const lost = await createBackup(vm);
    // A row the database lost while the provider still holds the restore point…
    await env.query("UPDATE backups SET removed = NOW(), status = 'Removed' WHERE uuid = ?", [lost.id]);
    // …and a row whose restore point the provider no longer has.
    const vanishedUuid = randomUUID();
    await env.query(
      `INSERT INTO backups (uuid, vm_id, external_id, type, date, size, protected_size, status, policy_id,
                            account_id, domain_id, zone_id, volumes)
       VALUES (?, ?, 'vanished-point', 'FULL', NOW(), 1, 1, 'BackedUp', ?, ?, ?, ?, '[]')`,
      [vanishedUuid, vm.id, policyId, alice.id, alice.domainId, zone.id],
    );

    const report = await env.runSync();

    expect(report).toMatchObject({ zones: 1, vms: 1, created: 1, removed: 1, failed: 0, skipped: 0 });
    const active = await env.query(
      'SELECT uuid, external_id, size, protected_size, status FROM backups WHERE vm_id = ? AND removed IS NULL ORDER BY id',
      [vm.id],
    );
    expect(active.map((row) => row.external_id)).toEqual([kept.externalid, lost.externalid]);
    expect(active[1]).toMatchObject({ status: 'BackedUp' });
    expect(active[1]?.uuid).not.toBe(lost.id);
    expect(Number(active[1]?.size)).toBe(1024);
    const [vanished] = await env.query('SELECT status, removed FROM backups WHERE uuid = ?', [vanishedUuid]);
    expect(vanished?.status).toBe('Removed');
    expect(vanished?.removed).toBeInstanceOf(Date);

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
    const created = await env.query(
      "SELECT state, user_id, account_id, description FROM event WHERE type = 'BACKUP.CREATE' AND user_id = 1",
    );
    expect(created).toEqual([
      {
        state: 'Completed',
        user_id: '1',
        account_id: alice.id,
        description: `Created backup ${String(active[1]?.uuid)} for VM ID: ${vm.uuid}`,
      },
    ]);

    // Nothing left to do: a second run changes no rows but records the metric again.
    expect(await env.runSync()).toMatchObject({ created: 0, removed: 0 });
    const metrics = await env.query(
      "SELECT COUNT(*) AS n FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?",
      [vm.id],
    );
    expect(Number(metrics[0]?.n)).toBe(2);
  });

  it('skips zones where the framework is disabled', async () => {
    const quiet = await env.seed.zone('zone-quiet');
    await env.enableZone(quiet);
    const vm = await protectedVm('quiet-vm', quiet, await importPolicy(quiet));
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

  async function importPolicy(target: SeededZone): Promise<string> {
    const job = await env.admin.runJob('importBackupPolicy', {
      zoneid: target.uuid,
      externalid: 'gold-policy',
      name: `Gold ${target.name}`,
      description: 'Gold policy',
    });
    return expectJobSuccess(job).backuppolicy.id as string;
  }

  async function protectedVm(name: string, target: SeededZone, policy: string): Promise<SeededVm> {
    const vm = await env.seed.vm(name, target, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policy }));
    return vm;
  }

  async function createBackup(vm: SeededVm): Promise<{ id: string; externalid: string }> {
    const result = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
    return result.backup as { id: string; externalid: string };
  }
});
