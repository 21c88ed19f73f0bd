import { type SignedClient } from '../support/signed-client';
import { type JsonBody } from '../support/json-body';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess, unknownUuidText, ZONE_DISABLED } from './support/api-expectations';

describe('assignBackupPolicy, listBackupPolicyVMMappings, removeVMFromBackupPolicy (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let otherZone: SeededZone;
  let alice: SeededAccount;
  let bob: SeededAccount;
  let aliceClient: SignedClient;
  let bobClient: SignedClient;
  let gold: string;
  let goldInternalId: string;
  let otherZonePolicy: string;

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
    otherZonePolicy = await env.importPolicy(otherZone, 'gold-policy', 'Gold B');
    const [row] = await env.query('SELECT id FROM backup_policy WHERE uuid = ?', [gold]);
    goldInternalId = String(row?.id);
  });

  afterAll(async () => {
    await env?.close();
  });

  it("assigns the caller's VM as an async job: mapping, VM backup fields, usage event", async () => {
    const vm = await env.seed.vm('web-1', zone, alice);
    const submitted = await aliceClient.call('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold });
    expect(submitted.status).toBe(200);
    expect(Object.keys(submitted.body)).toEqual(['jobid']);
    const job = await aliceClient.waitForJob(submitted.body.jobid);
    expect(expectJobSuccess(job)).toEqual({ success: true });
    expect(job).toMatchObject({ jobinstancetype: 'VirtualMachine', jobinstanceid: vm.uuid });

    expect(await mappingOf(vm)).toEqual({ policy_id: goldInternalId, zone_id: zone.id });
    const [fields] = await env.query('SELECT backup_external_id, backup_volumes FROM vm_instance WHERE id = ?', [vm.id]);
    expect(fields?.backup_external_id).toBe('dummy-external-backup-id');
    expect(JSON.parse(fields?.backup_volumes)).toEqual([
      expect.objectContaining({ uuid: vm.rootVolumeUuid, type: 'ROOT', size: 8 * 1024 ** 3 }),
      expect.objectContaining({ uuid: vm.dataVolumeUuid, type: 'DATADISK', size: 20 * 1024 ** 3 }),
    ]);
    expect(await usageEventsOf(vm)).toEqual([
      {
        type: 'BACKUP.OFFERING.ASSIGN',
        account_id: alice.id,
        zone_id: zone.id,
        resource_name: `Backup-web-1-${vm.uuid}`,
        offering_id: goldInternalId,
        size: null,
        virtual_size: null,
        resource_type: 'Backup',
      },
    ]);
    const events = await env.query(
      "SELECT state, level, account_id FROM event WHERE type = 'BACKUP.OFFERING.ASSIGN' AND account_id = ? ORDER BY id",
      [alice.id],
    );
    expect(events).toEqual([
      { state: 'Started', level: 'INFO', account_id: alice.id },
      { state: 'Completed', level: 'INFO', account_id: alice.id },
    ]);
  });

  it('refuses to assign a VM twice', async () => {
    const vm = await assignedVm('twice');
    expectJobFailure(
      await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }),
      530,
      'VM already is assigned to a backup policy, please remove the VM from its previous policy',
    );
  });

  it("answers another account's VM as an unknown one, but lets the root admin act on it", async () => {
    const vm = await env.seed.vm('bobs-vm', zone, bob);
    expectApiError(
      await aliceClient.call('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }),
      431,
      unknownUuidText('assignBackupPolicy', 'virtualmachineid', vm.uuid),
      9999,
    );
    expect(await mappingOf(vm)).toBeUndefined();
    expectJobSuccess(await env.admin.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    expect(await mappingOf(vm)).toBeDefined();
  });

  it.each(['Starting', 'Destroyed', 'Error'])('refuses a VM in state %s', async (state) => {
    const vm = await env.seed.vm(`vm-${state}`, zone, alice, state);
    expectJobFailure(
      await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }),
      530,
      'VM is not in running or stopped state',
    );
  });

  it('accepts a stopped VM', async () => {
    const vm = await env.seed.vm('stopped', zone, alice, 'Stopped');
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
  });

  it("refuses a policy of another zone than the VM's", async () => {
    const vm = await env.seed.vm('cross-zone', zone, alice);
    expectJobFailure(
      await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: otherZonePolicy }),
      431,
      'VM and backup policy must be in the same zone',
    );
    expect(await mappingOf(vm)).toBeUndefined();
  });

  it('refuses a VM whose zone has the framework disabled', async () => {
    const switchedOff = await env.seed.zone('zone-switched-off');
    await env.enableZone(switchedOff);
    const policy = await env.importPolicy(switchedOff, 'gold-policy', 'Gold off');
    const vm = await env.seed.vm('in-disabled', switchedOff, alice);
    await env.configure('backup.framework.enabled', 'false', switchedOff);

    expectJobFailure(
      await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policy }),
      530,
      ZONE_DISABLED,
    );
  });

  it('rolls everything back when the provider fails: no mapping, VM unassigned, no usage event', async () => {
    const vm = await env.seed.vm('rollback', zone, alice);
    await env.configure('backup.plugin.dummy.fail.operations', 'assignVm', zone);
    try {
      expectJobFailure(
        await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }),
        530,
        'Dummy provider injected failure in assignVm',
      );
    } finally {
      await env.configure('backup.plugin.dummy.fail.operations', '', zone);
    }
    expect(await mappingOf(vm)).toBeUndefined();
    const [fields] = await env.query('SELECT backup_external_id, backup_volumes FROM vm_instance WHERE id = ?', [vm.id]);
    expect(fields).toEqual({ backup_external_id: null, backup_volumes: null });
    expect(await usageEventsOf(vm)).toEqual([]);
    const failed = await env.query(
      "SELECT state, level FROM event WHERE type = 'BACKUP.OFFERING.ASSIGN' AND description LIKE ?",
      ['%Dummy provider injected failure in assignVm%'],
    );
    expect(failed).toEqual([{ state: 'Completed', level: 'ERROR' }]);

    // Nothing is left half-done: the same assignment works once the provider does.
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
  });

  describe('listBackupPolicyVMMappings', () => {
    let vm: SeededVm;

    beforeAll(async () => {
      vm = await assignedVm('listed');
    });

    it('lists the mapping of a VM with names', async () => {
      const reply = await aliceClient.call('listBackupPolicyVMMappings', { virtualmachineid: vm.uuid });
      expect(reply.body).toEqual({
        count: 1,
        backuppolicyvmmap: [
          {
            zoneid: zone.uuid,
            zonename: 'zone-a',
            policyid: gold,
            policyname: 'Gold',
            virtualmachineid: vm.uuid,
            virtualmachinename: 'listed',
          },
        ],
      });
    });

    it('filters by policy and zone within the caller’s account', async () => {
      const byPolicy = await aliceClient.call('listBackupPolicyVMMappings', { policyid: gold });
      const names = byPolicy.body.backuppolicyvmmap.map((row: { virtualmachinename: string }) => row.virtualmachinename);
      expect(names).toContain('listed');
      expect(names).not.toContain('bobs-vm');
      expect(byPolicy.body.count).toBe(names.length);

      const byOtherZone = await aliceClient.call('listBackupPolicyVMMappings', { zoneid: otherZone.uuid });
      expect(byOtherZone.body).toEqual({});
    });

    it("answers another account's VM as an unknown one", async () => {
      expectApiError(
        await bobClient.call('listBackupPolicyVMMappings', { virtualmachineid: vm.uuid }),
        431,
        unknownUuidText('listBackupPolicyVMMappings', 'virtualmachineid', vm.uuid),
        9999,
      );
    });

    it('shows the root admin every account with listall=true', async () => {
      const reply = await env.admin.call('listBackupPolicyVMMappings', { policyid: gold, listall: true });
      const names = reply.body.backuppolicyvmmap.map((row: { virtualmachinename: string }) => row.virtualmachinename);
      expect(names).toEqual(expect.arrayContaining(['listed', 'bobs-vm']));
    });
  });

  describe('removeVMFromBackupPolicy', () => {
    it('removes without forced and keeps the VM\'s backups listed, as CloudStack\'s current dummy', async () => {
      const vm = await assignedVm('unforced-current');
      const created = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
      const backupId = created.backup.id as string;

      expect(expectJobSuccess(await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid }))).toEqual({
        success: true,
      });

      expect(await mappingOf(vm)).toBeUndefined();
      const [backup] = await env.query('SELECT status, removed FROM backups WHERE uuid = ?', [backupId]);
      expect(backup).toEqual({ status: 'BackedUp', removed: null });
      const listed = await aliceClient.call('listBackups', { virtualmachineid: vm.uuid });
      expect(listed.body.backup.map((row: { id: string }) => row.id)).toEqual([backupId]);
    });

    it('needs forced=true in a zone set to the 4.14 dummy, which deletes backups on removal', async () => {
      const vm = await assignedVm('unforced');
      await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
      try {
        expectJobFailure(
          await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid }),
          431,
          'The backend provider will only allow removal of VM from the policy if forced:true is provided that will also delete the backups.',
        );
      } finally {
        await env.configure('backup.plugin.dummy.behavior', 'current', zone);
      }
      expect(await mappingOf(vm)).toBeDefined();
    });

    it('refuses a VM that is not assigned', async () => {
      const vm = await env.seed.vm('never-assigned', zone, alice);
      expectJobFailure(
        await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }),
        530,
        'No previously configured backup policy found for the VM',
      );
    });

    it("answers another account's VM as an unknown one", async () => {
      const vm = await assignedVm('not-bobs');
      expectApiError(
        await bobClient.call('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }),
        431,
        unknownUuidText('removeVMFromBackupPolicy', 'virtualmachineid', vm.uuid),
        9999,
      );
      expect(await mappingOf(vm)).toBeDefined();
    });

    it('refuses a VM whose zone has been disabled', async () => {
      const vm = await assignedVm('zone-goes-off');
      await env.configure('backup.framework.enabled', 'false', zone);
      try {
        expectJobFailure(
          await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }),
          530,
          ZONE_DISABLED,
        );
      } finally {
        await env.configure('backup.framework.enabled', 'true', zone);
      }
      expect(await mappingOf(vm)).toBeDefined();
    });

    it('with forced=true in a 4.14 zone removes the mapping, the VM fields and its backups, with a usage event', async () => {
      const vm = await assignedVm('forced');
      const created = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
      const backupId = created.backup.id as string;

      await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
      let job;
      try {
        job = await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true });
      } finally {
        await env.configure('backup.plugin.dummy.behavior', 'current', zone);
      }
      expect(expectJobSuccess(job)).toEqual({ success: true });

      expect(await mappingOf(vm)).toBeUndefined();
      const [fields] = await env.query('SELECT backup_external_id, backup_volumes FROM vm_instance WHERE id = ?', [vm.id]);
      expect(fields).toEqual({ backup_external_id: null, backup_volumes: null });
      const [backup] = await env.query('SELECT status, removed FROM backups WHERE uuid = ?', [backupId]);
      expect(backup?.status).toBe('Removed');
      expect(backup?.removed).toBeInstanceOf(Date);
      expect((await usageEventsOf(vm)).map((event) => [event.type, event.offering_id])).toEqual([
        ['BACKUP.OFFERING.ASSIGN', goldInternalId],
        ['BACKUP.OFFERING.REMOVE', goldInternalId],
      ]);
      const events = await env.query(
        "SELECT state FROM event WHERE type = 'BACKUP.OFFERING.REMOVE' AND level = 'INFO' AND account_id = ?",
        [alice.id],
      );
      expect(events.map((event) => event.state)).toEqual(expect.arrayContaining(['Started', 'Completed']));
    });
  });

  async function assignedVm(name: string): Promise<SeededVm> {
    const vm = await env.seed.vm(name, zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    return vm;
  }

  async function mappingOf(vm: SeededVm): Promise<Record<string, unknown> | undefined> {
    const [row] = await env.query('SELECT policy_id, zone_id FROM backup_policy_vm_map WHERE vm_id = ?', [vm.id]);
    return row === undefined ? undefined : { policy_id: String(row.policy_id), zone_id: String(row.zone_id) };
  }

  async function usageEventsOf(vm: SeededVm): Promise<JsonBody[]> {
    const rows = await env.query(
      `SELECT type, account_id, zone_id, resource_name, offering_id, size, virtual_size, resource_type
         FROM usage_event WHERE resource_id = ? ORDER BY id`,
      [vm.id],
    );
    return rows.map((row) => ({
      ...row,
      account_id: String(row.account_id),
      zone_id: String(row.zone_id),
      offering_id: row.offering_id === null ? null : String(row.offering_id),
    }));
  }
});
