import { type SignedClient } from '../support/signed-client';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess, unknownUuidText } from './support/api-expectations';

/**
 * The last details of CloudStack 4.22's backup API: the schedule refusal under an offering without
 * user-driven backups, the texts for a removed offering, and `projectid` on the list commands.
 */
describe('CloudStack 4.22 backup API details (MariaDB + HTTP)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-details');
    await env.enableZone(zone);
    alice = await env.seed.account('alice-details');
    aliceClient = env.clientFor(alice);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function importOffering(externalId: string, name: string, allowUserDrivenBackups: boolean, into: SeededZone = zone): Promise<string> {
    const { backupoffering } = expectJobSuccess(
      await env.admin.runJob('importBackupOffering', {
        zoneid: into.uuid,
        externalid: externalId,
        name,
        description: `${name} offering`,
        allowuserdrivenbackups: allowUserDrivenBackups,
      }),
    );
    return backupoffering.id as string;
  }

  describe('createBackupSchedule / updateBackupSchedule under an offering without user-driven backups', () => {
    const TEXT = 'The selected backup offering does not allow user-defined backup schedule';

    it('refuses the user and the root admin alike with CloudStack\'s text, and stores nothing', async () => {
      const offeringId = await importOffering('gold-policy', 'No user schedules', false);
      const vm = await env.seed.vm('sched-refused', zone, alice);
      expectJobSuccess(
        await env.admin.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: offeringId }),
      );
      const schedule = { virtualmachineid: vm.uuid, intervaltype: 'DAILY', schedule: '30:02', timezone: 'Europe/Berlin' };
      for (const client of [aliceClient, env.admin]) {
        for (const command of ['createBackupSchedule', 'updateBackupSchedule']) {
          expectApiError(await client.call(command, schedule), 530, TEXT);
        }
      }
      expect(await env.query('SELECT id FROM backup_schedule WHERE vm_id = ?', [vm.id])).toEqual([]);

      // Allowing user-driven backups again lets the same request through.
      expect(await env.admin.ok('updateBackupOffering', { id: offeringId, allowuserdrivenbackups: true })).toMatchObject({
        backupoffering: { id: offeringId, allowuserdrivenbackups: true },
      });
      expect(await aliceClient.ok('createBackupSchedule', schedule)).toMatchObject({
        backupschedule: { virtualmachineid: vm.uuid, intervaltype: 'DAILY', schedule: '30:02' },
      });
      expectJobSuccess(await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid, forced: true }));
      expect(await env.admin.ok('deleteBackupOffering', { id: offeringId })).toEqual({ success: true });
    });
  });

  describe('a removed offering', () => {
    let removedId: string;

    beforeAll(async () => {
      removedId = await importOffering('silver-policy', 'Removed later', true);
      expect(await env.admin.ok('deleteBackupOffering', { id: removedId })).toEqual({ success: true });
    });

    it('is answered with CloudStack\'s texts by every command that looks it up, and changes nothing', async () => {
      expectApiError(await env.admin.call('deleteBackupOffering', { id: removedId }), 530, `Could not find a backup offering with id: ${removedId}`);
      expectApiError(
        await env.admin.call('updateBackupOffering', { id: removedId, name: 'renamed' }),
        431,
        `Unable to find Backup Offering with id: [${removedId}].`,
      );
      expectApiError(await aliceClient.call('listBackupOfferings', { id: removedId }), 530, `Offering ID ${removedId} does not exist`);

      const vm = await env.seed.vm('removed-offering-vm', zone, alice);
      expectJobFailure(
        await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: removedId }),
        530,
        'Provided backup offering does not exist',
      );
      expect(await aliceClient.ok('listVirtualMachines', { id: vm.uuid })).toMatchObject({
        virtualmachine: [expect.not.objectContaining({ backupofferingid: expect.anything() })],
      });
      const [row] = await env.query<{ name: string; removed: Date | null }>('SELECT name, removed FROM backup_policy WHERE uuid = ?', [removedId]);
      expect(row?.name).toBe('Removed later');
      expect(row?.removed).toBeInstanceOf(Date);

      // Filters on it list nothing (as CloudStack, which resolves the id and finds no live rows).
      expect(await aliceClient.ok('listBackups', { backupofferingid: removedId })).toEqual({});
      expect(await aliceClient.ok('listVirtualMachines', { backupofferingid: removedId })).toEqual({});
    });

    it('is answered under the policy-era names with the seed\'s texts', async () => {
      expectApiError(await env.admin.call('deleteBackupPolicy', { id: removedId }), 530, `Could not find a backup policy with id: ${removedId}`);
      expectApiError(await env.admin.call('listBackupPolicies', { id: removedId }), 530, `Policy ${removedId} does not exist`);
    });

    it('still answers an id that never existed with the binder\'s 431', async () => {
      const unknown = '0b5c7cc1-6a2e-4e4b-9d55-2ad8bd0c1f00';
      expectApiError(await env.admin.call('deleteBackupOffering', { id: unknown }), 431, unknownUuidText('deleteBackupOffering', 'id', unknown));
    });
  });

  describe('listBackups name', () => {
    it('filters on the exact backup name (given or CloudStack\'s default), and keyword matches backup or VM names', async () => {
      const offeringId = await importOffering('silver-policy', 'Names', true);
      const vm = await env.seed.vm('named-vm', zone, alice);
      expectJobSuccess(await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: offeringId }));
      const { backup: named } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid, name: 'before-upgrade' }));
      const { backup: unnamed } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
      expect(named).toMatchObject({ name: 'before-upgrade' });
      expect(unnamed.name).toMatch(/^named-vm-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);

      const ids = async (params: Record<string, string | boolean>) =>
        ((await aliceClient.ok('listBackups', params)).backup ?? []).map((item: { id: string }) => item.id);
      expect(await ids({ name: 'before-upgrade' })).toEqual([named.id]);
      expect(await ids({ name: unnamed.name as string })).toEqual([unnamed.id]);
      // Exact match only, as CloudStack's SearchCriteria.Op.EQ.
      expect(await aliceClient.ok('listBackups', { name: 'before' })).toEqual({});
      expect(await ids({ keyword: 'upgrade' })).toEqual([named.id]);
      expect(await ids({ keyword: 'named-vm' })).toEqual([named.id, unnamed.id]);
      // Another account's backup of the same name stays out of sight.
      const bob = await env.seed.account('bob-details');
      expect(await env.clientFor(bob).ok('listBackups', { name: 'before-upgrade' })).toEqual({});

      expectJobSuccess(await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid, forced: true }));
    });
  });

  describe('listBackups listvmdetails', () => {
    it('adds vmdetails (a map of strings) only for listvmdetails=true, with the hypervisor of the backup\'s VM', async () => {
      const offeringId = await importOffering('gold-policy', 'Details', true);
      const vm = await env.seed.vm('details-vm', zone, alice);
      expectJobSuccess(await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: offeringId }));
      const { backup } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));

      const withDetails = await aliceClient.ok('listBackups', { virtualmachineid: vm.uuid, listvmdetails: true });
      expect(withDetails).toEqual({ count: 1, backup: [expect.objectContaining({ id: backup.id, vmdetails: { hypervisor: 'Simulator' } })] });

      // Details recorded in CloudStack's backup_details (e.g. by CloudStack itself on a shared database)
      // are listed when displayed, and the VM's hypervisor comes from the VM, as BackupDaoImpl does.
      const [row] = await env.query<{ id: string }>('SELECT id FROM backups WHERE uuid = ?', [backup.id]);
      await env.query(
        'INSERT INTO backup_details (backup_id, name, value, display) VALUES (?, ?, ?, 1), (?, ?, ?, 1), (?, ?, ?, 0)',
        [row?.id, 'serviceofferingid', 'so-uuid', row?.id, 'hypervisor', 'KVM', row?.id, 'secret', 'hidden'],
      );
      expect((await aliceClient.ok('listBackups', { id: backup.id, listvmdetails: true })).backup[0].vmdetails).toEqual({
        serviceofferingid: 'so-uuid',
        hypervisor: 'Simulator',
      });
      // The field comes after the zone, then the 4.21 interval type, as in CloudStack's BackupResponse.
      expect(Object.keys(withDetails.backup[0]).slice(-3)).toEqual(['zone', 'vmdetails', 'intervaltype']);
      for (const listvmdetails of [undefined, false, 'yes']) {
        const plain = await aliceClient.ok('listBackups', { virtualmachineid: vm.uuid, ...(listvmdetails === undefined ? {} : { listvmdetails }) });
        expect(plain.backup[0]).toMatchObject({ id: backup.id });
        expect(plain.backup[0]).not.toHaveProperty('vmdetails');
      }

      expectJobSuccess(await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid, forced: true }));
    });
  });

  describe("a backup's description, intervaltype, vmbackupofferingremoved and isbackupvmexpunged", () => {
    const backupOf = async (id: string) => (await env.admin.ok('listBackups', { id, listall: true })).backup[0];
    // Each test imports the provider's two policies into a zone of its own.
    const freshZone = async (name: string) => {
      const fresh = await env.seed.zone(name);
      await env.enableZone(fresh);
      return fresh;
    };

    it('shows the description createBackup was given, MANUAL for createBackup and the schedule\'s interval type for a scheduled run', async () => {
      const describedZone = await freshZone('zone-described');
      const offeringId = await importOffering('gold-policy', 'Described', true, describedZone);
      const vm = await env.seed.vm('described-vm', describedZone, alice);
      expectJobSuccess(await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: offeringId }));
      const description = `Before the upgrade: ${'é'.repeat(200)}`;
      const { backup: described } = expectJobSuccess(
        await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid, name: 'described', description }),
      );
      const { backup: plain } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));

      // The job's result, and every later listing, under both vocabularies' one response.
      expect(described).toMatchObject({ name: 'described', description, intervaltype: 'MANUAL' });
      expect((await aliceClient.ok('listBackups', { name: 'described' })).backup).toEqual([
        expect.objectContaining({ id: described.id, description, intervaltype: 'MANUAL' }),
      ]);
      expect(Object.keys(described).slice(0, 3)).toEqual(['id', 'name', 'description']);
      expect(plain).toMatchObject({ intervaltype: 'MANUAL' });
      expect(plain).not.toHaveProperty('description');
      for (const flag of ['vmbackupofferingremoved', 'isbackupvmexpunged']) expect(described).not.toHaveProperty(flag);

      const { backupschedule } = await aliceClient.ok('createBackupSchedule', {
        virtualmachineid: vm.uuid,
        intervaltype: 'WEEKLY',
        schedule: '30:02:1',
        timezone: 'UTC',
      });
      const { backup: scheduled } = expectJobSuccess(await env.admin.runJob('runBackupSchedule', { id: backupschedule.id, virtualmachineid: vm.uuid }));
      expect(scheduled).toMatchObject({ intervaltype: 'WEEKLY' });
      expect(await backupOf(scheduled.id as string)).toMatchObject({ id: scheduled.id, intervaltype: 'WEEKLY' });
      const [row] = await env.query<{ backup_schedule_id: unknown; backup_interval_type: unknown }>(
        'SELECT backup_schedule_id, backup_interval_type FROM backups WHERE uuid = ?',
        [scheduled.id],
      );
      const [schedule] = await env.query<{ id: unknown }>('SELECT id FROM backup_schedule WHERE uuid = ?', [backupschedule.id]);
      // CloudStack's Backup.Type ordinal: MANUAL 0, HOURLY 1, DAILY 2, WEEKLY 3, MONTHLY 4.
      expect({ schedule: String(row?.backup_schedule_id), type: String(row?.backup_interval_type) }).toEqual({
        schedule: String(schedule?.id),
        type: '3',
      });

      // A description over createBackup's 255 characters is refused as CloudStack refuses it.
      expectApiError(
        await aliceClient.call('createBackup', { virtualmachineid: vm.uuid, description: 'd'.repeat(256) }),
        431,
        'Unable to execute API command createbackup due to invalid value. Value greater than max allowed length 255 for param: description',
      );
      await aliceClient.ok('deleteBackupSchedule', { virtualmachineid: vm.uuid });
      expectJobSuccess(await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid, forced: true }));
    });

    it('flags a backup whose VM left the offering, or moved to another, and one whose VM was expunged', async () => {
      const leavingZone = await freshZone('zone-leaving');
      const firstId = await importOffering('gold-policy', 'First', true, leavingZone);
      const secondId = await importOffering('silver-policy', 'Second', true, leavingZone);
      const vm = await env.seed.vm('leaving-vm', leavingZone, alice);
      const assign = async (backupofferingid: string) =>
        expectJobSuccess(await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid }));
      const flags = async (id: string) => {
        const item = await backupOf(id);
        return { vmbackupofferingremoved: item.vmbackupofferingremoved, isbackupvmexpunged: item.isbackupvmexpunged };
      };
      await assign(firstId);
      const { backup } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
      expect(await flags(backup.id as string)).toEqual({ vmbackupofferingremoved: undefined, isbackupvmexpunged: undefined });

      expectJobSuccess(await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid }));
      expect(await flags(backup.id as string)).toEqual({ vmbackupofferingremoved: true, isbackupvmexpunged: undefined });

      // In another offering, the VM still left this backup's offering; back in it, it did not.
      await assign(secondId);
      const { backup: second } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
      expect(await flags(backup.id as string)).toEqual({ vmbackupofferingremoved: true, isbackupvmexpunged: undefined });
      expect(await flags(second.id as string)).toEqual({ vmbackupofferingremoved: undefined, isbackupvmexpunged: undefined });

      expectJobSuccess(await env.admin.runJob('destroyVirtualMachine', { id: vm.uuid, expunge: true }));
      expect(await flags(backup.id as string)).toEqual({ vmbackupofferingremoved: true, isbackupvmexpunged: true });
      // The listing still names the expunged VM, and its owner sees the flag too.
      expect((await aliceClient.ok('listBackups', { id: second.id })).backup).toEqual([
        expect.objectContaining({ virtualmachineid: vm.uuid, virtualmachinename: 'leaving-vm', isbackupvmexpunged: true }),
      ]);
    });
  });

  describe('projectid on listBackups and listBackupSchedule', () => {
    it('lists nothing for every project (-1), since csbr has no projects, and refuses a project id as unknown', async () => {
      const project = '7e0c8d1b-0f43-4f0a-8a43-5d7a1c2b3e4f';
      for (const command of ['listBackups', 'listBackupSchedule']) {
        expect(await aliceClient.ok(command, { projectid: '-1' })).toEqual({});
        expectApiError(await aliceClient.call(command, { projectid: project }), 431, unknownUuidText(command, 'projectid', project));
      }
    });
  });
});
