import { type SignedClient } from '../support/signed-client';
import { CLOUDSTACK_DATE } from '../support/cloudstack-formats';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess, unknownUuidText, ZONE_DISABLED } from './support/api-expectations';
import { countRowLockHolders, waitForOperationOfJob } from './support/operation-probe';

describe('createBackup, listBackups, deleteBackup, restoreBackup, restoreBackupVolume (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let otherZone: SeededZone;
  let alice: SeededAccount;
  let bob: SeededAccount;
  let aliceClient: SignedClient;
  let bobClient: SignedClient;
  let gold: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    otherZone = await env.seed.zone('zone-b');
    await env.enableZone(zone);
    await env.enableZone(otherZone);
    alice = await env.seed.account('alice');
    bob = await env.seed.account('bob');
    aliceClient = env.clientFor(alice);
    bobClient = env.clientFor(bob);
    gold = await env.importPolicy(zone, 'gold-policy', 'Gold');
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('createBackup', () => {
    it('answers {id, jobid} at once, then the recorded backup with CloudStack’s fields', async () => {
      const vm = await protectedVm('db-1');
      const submitted = await aliceClient.call('createBackup', { virtualmachineid: vm.uuid });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toEqual({ id: vm.uuid, jobid: expect.any(String) });

      const job = await aliceClient.waitForJob(submitted.body.jobid);
      const { backup } = expectJobSuccess(job);
      expect(backup).toEqual({
        id: expect.any(String),
        // CloudStack 4.21's default name: <vm host name>-<yyyy-MM-dd'T'HH:mmX>.
        name: expect.stringMatching(/^db-1-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/),
        virtualmachineid: vm.uuid,
        virtualmachinename: 'db-1',
        externalid: expect.stringMatching(new RegExp(`^dummy-${vm.uuid}-`)),
        type: 'FULL',
        created: expect.stringMatching(CLOUDSTACK_DATE),
        size: 1024,
        virtualsize: 1024000,
        volumes: JSON.stringify([
          { uuid: vm.rootVolumeUuid, type: 'ROOT', size: 8 * 1024 ** 3, path: `/volumes/${vm.uuid}/0` },
          { uuid: vm.dataVolumeUuid, type: 'DATADISK', size: 20 * 1024 ** 3, path: `/volumes/${vm.uuid}/1` },
        ]),
        status: 'BackedUp',
        policyid: gold,
        policyname: 'Gold',
        backupofferingid: gold,
        backupofferingname: 'Gold',
        accountid: alice.uuid,
        account: 'alice',
        domainid: alice.domainUuid,
        domain: 'ROOT',
        zoneid: zone.uuid,
        zone: 'zone-a',
        // CloudStack 4.21's Backup.Type of a backup createBackup took.
        intervaltype: 'MANUAL',
      });
      const events = await env.query(
        "SELECT state, level FROM event WHERE type = 'BACKUP.CREATE' AND account_id = ? ORDER BY id",
        [alice.id],
      );
      expect(events).toEqual([
        { state: 'Started', level: 'INFO' },
        { state: 'Completed', level: 'INFO' },
      ]);
    });

    it("stores the backup's name in backups.name: the one given, else CloudStack's <vm host name>-<yyyy-MM-dd'T'HH:mmX>", async () => {
      const vm = await protectedVm('named-1');
      const named = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid, name: 'before-upgrade' }));
      const unnamed = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));

      const rows = await env.query('SELECT uuid, name FROM backups WHERE vm_id = ? ORDER BY id', [vm.id]);
      expect(rows).toEqual([
        { uuid: named.backup.id, name: 'before-upgrade' },
        { uuid: unnamed.backup.id, name: expect.stringMatching(/^named-1-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/) },
      ]);
    });

    it('refuses a VM without a policy', async () => {
      const vm = await env.seed.vm('unprotected', zone, alice);
      expectJobFailure(
        await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }),
        530,
        'VM has not backup policy configured, cannot create backup before assigning it to a backup policy',
      );
    });

    it("answers another account's VM as an unknown one", async () => {
      const vm = await protectedVm('alices-only');
      expectApiError(
        await bobClient.call('createBackup', { virtualmachineid: vm.uuid }),
        431,
        unknownUuidText('createBackup', 'virtualmachineid', vm.uuid),
        9999,
      );
    });

    it('refuses a VM in a disabled zone', async () => {
      const vm = await protectedVm('zone-off');
      await env.configure('backup.framework.enabled', 'false', zone);
      try {
        expectJobFailure(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }), 530, ZONE_DISABLED);
      } finally {
        await env.configure('backup.framework.enabled', 'true', zone);
      }
    });
  });

  describe('listBackups', () => {
    let vm: SeededVm;
    let backupId: string;

    beforeAll(async () => {
      vm = await protectedVm('listed-vm');
      backupId = await createBackup(vm);
    });

    it('lists the backups of a VM for its owner', async () => {
      const reply = await aliceClient.call('listBackups', { virtualmachineid: vm.uuid });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        count: 1,
        backup: [expect.objectContaining({ id: backupId, virtualmachineid: vm.uuid, status: 'BackedUp' })],
      });
    });

    it('answers {} when there is nothing to list (Marvin reads it as None)', async () => {
      const empty = await env.seed.vm('no-backups', zone, alice);
      const reply = await aliceClient.call('listBackups', { virtualmachineid: empty.uuid });
      expect(reply).toMatchObject({ status: 200, body: {} });
      expect(Object.keys(reply.body)).toEqual([]);
    });

    it("keeps accounts apart: another user neither lists them nor learns that they exist", async () => {
      expect((await bobClient.call('listBackups')).body).toEqual({});
      expectApiError(await bobClient.call('listBackups', { id: backupId }), 431, unknownUuidText('listBackups', 'id', backupId), 9999);
      expectApiError(
        await bobClient.call('listBackups', { virtualmachineid: vm.uuid }),
        431,
        unknownUuidText('listBackups', 'virtualmachineid', vm.uuid),
        9999,
      );
    });

    it('shows the root admin its own account by default, everyone with listall or an id', async () => {
      expect((await env.admin.call('listBackups')).body).toEqual({});
      const all = await env.admin.call('listBackups', { listall: true });
      expect(all.body.backup.map((backup: { id: string }) => backup.id)).toContain(backupId);
      expect((await env.admin.call('listBackups', { id: backupId })).body.count).toBe(1);
      const byAccount = await env.admin.call('listBackups', { account: 'alice', domainid: alice.domainUuid });
      expect(byAccount.body.backup.map((backup: { id: string }) => backup.id)).toContain(backupId);
    });

    it('filters by zone and by keyword on the VM name', async () => {
      expect((await aliceClient.call('listBackups', { zoneid: otherZone.uuid })).body).toEqual({});
      const byZone = await aliceClient.call('listBackups', { zoneid: zone.uuid });
      expect(byZone.body.backup.map((backup: { id: string }) => backup.id)).toContain(backupId);
      const byKeyword = await aliceClient.call('listBackups', { keyword: 'listed' });
      expect(byKeyword.body).toEqual({ count: 1, backup: [expect.objectContaining({ id: backupId })] });
      expect((await aliceClient.call('listBackups', { keyword: 'nothing-like-it' })).body).toEqual({});
    });
  });

  describe('deleteBackup', () => {
    it("answers another account's backup as an unknown one", async () => {
      const vm = await protectedVm('keep-mine');
      const backupId = await createBackup(vm);
      expectApiError(await bobClient.call('deleteBackup', { id: backupId }), 431, unknownUuidText('deleteBackup', 'id', backupId), 9999);
      expect((await aliceClient.call('listBackups', { id: backupId })).body.count).toBe(1);
    });

    it('deletes on the provider and removes the row; the backup is gone afterwards', async () => {
      const vm = await protectedVm('delete-me');
      const backupId = await createBackup(vm);
      const job = await aliceClient.runJob('deleteBackup', { id: backupId });
      expect(expectJobSuccess(job)).toEqual({ success: true });
      expect(job).toMatchObject({ jobinstancetype: 'Backup', jobinstanceid: backupId });

      const [row] = await env.query('SELECT status, removed FROM backups WHERE uuid = ?', [backupId]);
      expect(row?.status).toBe('Removed');
      expect(row?.removed).toBeInstanceOf(Date);
      expect((await aliceClient.call('listBackups', { virtualmachineid: vm.uuid })).body).toEqual({});
      expectApiError(
        await aliceClient.call('deleteBackup', { id: backupId }),
        431,
        unknownUuidText('deleteBackup', 'id', backupId),
      );
      const [event] = await env.query(
        "SELECT state FROM event WHERE type = 'BACKUP.DELETE' AND state = 'Completed' AND level = 'INFO'",
      );
      expect(event).toEqual({ state: 'Completed' });
    });
  });

  describe('restoreBackup', () => {
    it('refuses a running VM', async () => {
      const vm = await protectedVm('running');
      const backupId = await createBackup(vm);
      expectJobFailure(
        await aliceClient.runJob('restoreBackup', { id: backupId }),
        530,
        'Existing VM should be stopped before being restored from backup',
      );
    });

    it("answers another account's backup as an unknown one", async () => {
      const vm = await protectedVm('not-for-bob', 'Stopped');
      const backupId = await createBackup(vm);
      expectApiError(await bobClient.call('restoreBackup', { id: backupId }), 431, unknownUuidText('restoreBackup', 'id', backupId), 9999);
    });

    it('restores a stopped VM', async () => {
      const vm = await protectedVm('stopped', 'Stopped');
      const backupId = await createBackup(vm);
      const [before] = await env.query('SELECT COALESCE(MAX(id), 0) AS last FROM event');
      const job = await aliceClient.runJob('restoreBackup', { id: backupId });
      expect(expectJobSuccess(job)).toEqual({ success: true });
      const events = await env.query("SELECT state, level FROM event WHERE type = 'BACKUP.RESTORE' AND id > ? ORDER BY id", [
        before?.last,
      ]);
      expect(events).toEqual([
        { state: 'Started', level: 'INFO' },
        { state: 'Completed', level: 'INFO' },
      ]);
    });

    it('guards the VM while it runs, holding no lock: any other backup operation on it fails at once', async () => {
      const vm = await protectedVm('slow-restore', 'Stopped');
      const backupId = await createBackup(vm);
      const otherBackupId = await createBackup(vm);
      await env.configure('backup.plugin.dummy.latency.ms', '8000', zone);
      let restoreJobId: string;
      try {
        const submitted = await aliceClient.call('restoreBackup', { id: backupId });
        restoreJobId = submitted.body.jobid as string;
        // The restore recorded its operation (the VM's guard) and waits for the provider with no
        // transaction open: nothing holds a row lock.
        await waitForOperationOfJob(env.query, restoreJobId);
        expect(await countRowLockHolders(env.query, env.databaseName)).toBe(0);
        const [restoring] = await env.query('SELECT status FROM backups WHERE uuid = ?', [backupId]);
        expect(restoring).toEqual({ status: 'Restoring' });

        // Submitted together, so that all three run while the slow restore still holds the guard even
        // on a loaded machine.
        const busy = `Another backup operation is in progress for VM ${vm.uuid}, please try again later`;
        const refused = await Promise.all([
          aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }),
          aliceClient.runJob('deleteBackup', { id: otherBackupId }),
          aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }),
        ]);
        for (const job of refused) expectJobFailure(job, 530, busy);
        expect(await aliceClient.waitForJob(restoreJobId)).toMatchObject({ jobstatus: 1 });
      } finally {
        await env.configure('backup.plugin.dummy.latency.ms', '0', zone);
      }
      // Nothing was changed by the refused operations, and the VM is free again.
      const listed = await aliceClient.call('listBackups', { virtualmachineid: vm.uuid });
      expect(listed.body.count).toBe(2);
      await createBackup(vm);
    });
  });

  describe('restoreBackupVolume', () => {
    let vm: SeededVm;
    let backupId: string;

    beforeAll(async () => {
      vm = await protectedVm('volume-source');
      backupId = await createBackup(vm);
    });

    it('restores the volume and attaches it to the target VM, as CloudStack’s current dummy', async () => {
      const target = await env.seed.vm('volume-restored-target', zone, alice);
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expect(job.jobstatus).toBe(1);
      const [attached] = await env.query('SELECT COUNT(*) AS n FROM volumes WHERE instance_id = ?', [target.id]);
      expect(Number(attached?.n)).toBe(3);
    });

    it('is refused with the 4.14 dummy’s message in a zone set to the 4.14 behaviour', async () => {
      const target = await env.seed.vm('volume-target', zone, alice);
      await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      await env.configure('backup.plugin.dummy.behavior', 'current', zone);
      expectJobFailure(job, 530, 'Dummy plugin does not support this feature');
      const [attached] = await env.query('SELECT COUNT(*) AS n FROM volumes WHERE instance_id = ?', [target.id]);
      expect(Number(attached?.n)).toBe(2);
      const [event] = await env.query(
        "SELECT level FROM event WHERE type = 'BACKUP.RESTORE.VOLUME.TO.VM' AND state = 'Completed' ORDER BY id DESC LIMIT 1",
      );
      expect(event).toEqual({ level: 'ERROR' });
    });

    it('refuses a volume the backup does not hold', async () => {
      const target = await env.seed.vm('volume-target-2', zone, alice);
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: target.rootVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expectJobFailure(job, 530, `Failed to find volume in the backedup volumes of ID ${target.rootVolumeUuid}`);
    });

    it('refuses an empty volume id', async () => {
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: ' ',
        virtualmachineid: vm.uuid,
      });
      expectJobFailure(job, 431, 'Invalid volume ID passed');
    });

    it('refuses a target VM in another zone', async () => {
      const target = await env.seed.vm('far-away', otherZone, alice);
      const job = await aliceClient.runJob('restoreBackupVolume', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expectJobFailure(job, 431, 'Cross zone backup restoration of volume is not allowed');
    });

    it("answers another account's target VM as an unknown one", async () => {
      const target = await env.seed.vm('bobs-target', zone, bob);
      const reply = await aliceClient.call('restoreBackupVolume', {
        id: backupId,
        volumeid: vm.dataVolumeUuid,
        virtualmachineid: target.uuid,
      });
      expectApiError(reply, 431, unknownUuidText('restoreBackupVolume', 'virtualmachineid', target.uuid), 9999);
    });

    it('needs every parameter', async () => {
      expectApiError(
        await aliceClient.call('restoreBackupVolume', { id: backupId, virtualmachineid: vm.uuid }),
        431,
        'Unable to execute API command restorebackupvolume due to missing parameter volumeid',
      );
    });
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
});
