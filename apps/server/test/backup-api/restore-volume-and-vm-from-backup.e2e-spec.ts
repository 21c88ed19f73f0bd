import { type SignedClient } from '../support/signed-client';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess } from './support/api-expectations';
import { countedCalls, installCountingProvider } from '../support/counting-provider';
import { createTempDir } from '../support/test-server';

/** CloudStack 4.22's restore commands by their released names, on the dummy provider (MariaDB, HTTP). */
describe('restoreVolumeFromBackupAndAttachToVM and createVMFromBackup (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;
  let gold: string;
  let pluginDir: ReturnType<typeof createTempDir>;

  beforeAll(async () => {
    // A third-party provider written for contract 1.0: it cannot create VMs from backups.
    pluginDir = createTempDir();
    installCountingProvider(pluginDir.path);
    env = await startBackupApiEnv({ CSBR_PLUGIN_DIR: pluginDir.path, CSBR_SYNC_ENABLED: 'false' });
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
    gold = await env.importPolicy(zone, 'gold-policy', 'Gold');
  });

  afterAll(async () => {
    await env?.close();
    pluginDir?.remove();
  });

  async function protectedVm(name: string, state = 'Running'): Promise<SeededVm> {
    const vm = await env.seed.vm(name, zone, alice, state);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    return vm;
  }

  async function createBackup(vm: SeededVm): Promise<string> {
    const result = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
    return result.backup.id as string;
  }

  async function volumeCount(vmId: string): Promise<number> {
    const [row] = await env.query('SELECT COUNT(*) AS n FROM volumes WHERE instance_id = ? AND removed IS NULL', [vmId]);
    return Number(row?.n);
  }

  describe('restoreVolumeFromBackupAndAttachToVM', () => {
    let vm: SeededVm;
    let backupId: string;

    beforeAll(async () => {
      vm = await protectedVm('volume-source');
      backupId = await createBackup(vm);
    });

    it('restores the volume, attaches it to the target VM and answers {success:true} as 4.22 does', async () => {
      const target = await env.seed.vm('volume-target', zone, alice);
      const result = expectJobSuccess(
        await aliceClient.runJob('restoreVolumeFromBackupAndAttachToVM', {
          backupid: backupId,
          volumeid: vm.dataVolumeUuid,
          virtualmachineid: target.uuid,
        }),
      );
      expect(result).toEqual({ success: true });
      expect(await volumeCount(target.id)).toBe(3);
      const [attached] = await env.query(
        "SELECT volume_type AS type, state FROM volumes WHERE instance_id = ? ORDER BY id DESC LIMIT 1",
        [target.id],
      );
      expect(attached).toEqual({ type: 'DATADISK', state: 'Ready' });
    });

    it('is refused with the 4.14 message in a zone set to the 4.14 behaviour, attaching nothing', async () => {
      const target = await env.seed.vm('volume-target-414', zone, alice);
      await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
      const job = await aliceClient.runJob('restoreVolumeFromBackupAndAttachToVM', {
        backupid: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      await env.configure('backup.plugin.dummy.behavior', 'current', zone);
      expectJobFailure(job, 530, 'Dummy plugin does not support this feature');
      expect(await volumeCount(target.id)).toBe(2);
    });

    it('refuses a volume the backup does not hold', async () => {
      const target = await env.seed.vm('volume-target-2', zone, alice);
      const job = await aliceClient.runJob('restoreVolumeFromBackupAndAttachToVM', {
        backupid: backupId,
        volumeid: target.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expectJobFailure(job, 530, `Failed to find volume in the backedup volumes of ID ${target.dataVolumeUuid}`);
      expect(await volumeCount(target.id)).toBe(2);
    });

    it('needs 4.22’s parameters: backupid, not the seed’s id', async () => {
      const reply = await aliceClient.call('restoreVolumeFromBackupAndAttachToVM', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: vm.uuid,
      });
      expectApiError(reply, 431, 'Unable to execute API command restorevolumefrombackupandattachtovm due to missing parameter backupid', 9999);
    });

    it('keeps the seed’s restoreBackupVolume working next to it', async () => {
      const target = await env.seed.vm('volume-target-seed', zone, alice);
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expect(job.jobstatus).toBe(1);
      expect(await volumeCount(target.id)).toBe(3);
    });
  });

  describe('createVMFromBackup', () => {
    let source: SeededVm;
    let backupId: string;

    beforeAll(async () => {
      source = await protectedVm('vm-source');
      backupId = await createBackup(source);
    });

    async function vmRowsNamed(name: string) {
      return env.query('SELECT id, uuid, state, removed, hypervisor_type FROM vm_instance WHERE name = ?', [name]);
    }

    async function volumeShape(vmId: string): Promise<[string, number][]> {
      const rows = await env.query(
        'SELECT volume_type AS type, size FROM volumes WHERE instance_id = ? AND removed IS NULL ORDER BY device_id',
        [vmId],
      );
      return rows.map((row) => [String(row.type), Number(row.size)]);
    }

    it('creates a running VM for the caller shaped like the backup, answering {virtualmachine} as 4.22 does', async () => {
      const result = expectJobSuccess(
        await aliceClient.runJob('createVMFromBackup', { backupid: backupId, zoneid: zone.uuid, name: 'from-backup' }),
      );

      expect(result.virtualmachine).toMatchObject({
        name: 'from-backup',
        state: 'Running',
        account: 'alice',
        zoneid: zone.uuid,
      });
      const [row] = await vmRowsNamed('from-backup');
      expect(row).toMatchObject({ uuid: result.virtualmachine.id, state: 'Running', removed: null });
      expect(await volumeShape(String(row?.id))).toEqual(await volumeShape(source.id));
      // A valid row of CloudStack 4.22's tables: its NOT NULL columns carry csbr's values.
      const [cloudstack] = await env.query(
        'SELECT vm.guest_os_id, vm.vnc_password, vm.vm_type, vm.service_offering_id, MIN(v.disk_offering_id) AS disk_offering_id ' +
          'FROM vm_instance vm JOIN volumes v ON v.instance_id = vm.id WHERE vm.id = ? GROUP BY vm.id',
        [row?.id],
      );
      expect(cloudstack).toEqual({ guest_os_id: '103', vnc_password: '', vm_type: 'User', service_offering_id: '1', disk_offering_id: '1' });
      const listed = await aliceClient.call('listVirtualMachines', { id: result.virtualmachine.id });
      expect(listed.body.virtualmachine).toHaveLength(1);
      const [event] = await env.query(
        "SELECT level, state FROM event WHERE type = 'VM.CREATE' AND account_id = ? ORDER BY id DESC LIMIT 1",
        [alice.id],
      );
      expect(event).toEqual({ level: 'INFO', state: 'Completed' });
    });

    it('leaves the VM Stopped with startvm=false', async () => {
      const result = expectJobSuccess(
        await aliceClient.runJob('createVMFromBackup', {
          backupid: backupId,
          zoneid: zone.uuid,
          name: 'from-backup-stopped',
          startvm: false,
        }),
      );
      expect(result.virtualmachine).toMatchObject({ name: 'from-backup-stopped', state: 'Stopped' });
    });

    it('removes the new VM when the provider fails (4.14 zone), so no half-made VM is listed', async () => {
      await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
      let job;
      try {
        job = await aliceClient.runJob('createVMFromBackup', { backupid: backupId, zoneid: zone.uuid, name: 'half-made' });
      } finally {
        await env.configure('backup.plugin.dummy.behavior', 'current', zone);
      }
      expectJobFailure(job, 530, 'Dummy plugin does not support this feature');
      const rows = await vmRowsNamed('half-made');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'Expunging', removed: expect.any(Date) });
      expect(await volumeShape(String(rows[0]?.id))).toEqual([]);
      const listed = await aliceClient.call('listVirtualMachines', { name: 'half-made' });
      expect(listed.body).toEqual({});
    });

    it('removes the new VM when the provider call itself fails (failure injection)', async () => {
      await env.configure('backup.plugin.dummy.fail.operations', 'createVmFromBackup', zone);
      let job;
      try {
        job = await aliceClient.runJob('createVMFromBackup', { backupid: backupId, zoneid: zone.uuid, name: 'vendor-failed' });
      } finally {
        await env.configure('backup.plugin.dummy.fail.operations', '', zone);
      }
      expectJobFailure(job, 530, 'Dummy provider injected failure in createVmFromBackup');
      const [row] = await vmRowsNamed('vendor-failed');
      expect(row).toMatchObject({ state: 'Expunging', removed: expect.any(Date) });
      const [guard] = await env.query('SELECT COUNT(*) AS n FROM op_backup_operation');
      expect(Number(guard?.n)).toBe(0);
    });

    it('refuses a provider that cannot create VMs by capability, before calling it or recording a VM', async () => {
      const other = await env.seed.zone('zone-counting');
      await env.configure('backup.framework.enabled', 'true', other);
      await env.configure('backup.framework.provider.plugin', 'counting', other);
      const policy = await env.importPolicy(other, 'gold', 'Counting gold');
      const vm = await env.seed.vm('counted', other, alice);
      expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policy }));
      const counted = await createBackup(vm);

      const job = await aliceClient.runJob('createVMFromBackup', { backupid: counted, zoneid: other.uuid, name: 'never-made' });

      expectJobFailure(job, 530, 'The backup provider counting does not support creating a VM from a backup');
      expect(await vmRowsNamed('never-made')).toEqual([]);
      expect(countedCalls(pluginDir.path).map((call) => call.method)).not.toContain('createVmFromBackup');
    });

    it('refuses another zone than the backup’s', async () => {
      const other = await env.seed.zone('zone-elsewhere');
      await env.enableZone(other);
      const job = await aliceClient.runJob('createVMFromBackup', { backupid: backupId, zoneid: other.uuid, name: 'elsewhere' });
      expectJobFailure(job, 431, "Cross zone instance creation from a backup is not supported: the zone must be the backup's zone");
      expect(await vmRowsNamed('elsewhere')).toEqual([]);
    });

    it('needs backupid and zoneid', async () => {
      expectApiError(
        await aliceClient.call('createVMFromBackup', { backupid: backupId }),
        431,
        'Unable to execute API command createvmfrombackup due to missing parameter zoneid',
      );
    });
  });
});
