import { type SignedClient } from '../support/signed-client';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess } from './support/api-expectations';

/** CloudStack 4.22's restore commands by their released names, on the dummy provider (MariaDB, HTTP). */
describe('restoreVolumeFromBackupAndAttachToVM and createVMFromBackup (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;
  let gold: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
    gold = await env.importPolicy(zone, 'gold-policy', 'Gold');
  });

  afterAll(async () => {
    await env?.close();
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
});
