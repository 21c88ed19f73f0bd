import { type SignedClient } from '../support/signed-client';
import { CLOUDSTACK_DATE } from '../support/cloudstack-formats';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobFailure, expectJobSuccess, notAvailableText } from './support/api-expectations';

/**
 * CloudStack 4.22's offering-era commands next to the seed's policy-era ones: one `backup_policy`
 * row under both names, each command with 4.22's parameters, roles, sync/async and texts.
 */
describe('offering-era backup commands over the policy records (MariaDB + HTTP)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('lists the offering-era commands in listApis with 4.22 async flags and required parameters', async () => {
    const reply = await env.admin.call('listApis');
    const apis = new Map<string, { isasync: boolean; since: string; params: { name: string; required: boolean }[] }>(
      reply.body.api.map((api: { name: string }) => [api.name, api]),
    );
    const expected: Record<string, [boolean, string[]]> = {
      listBackupProviderOfferings: [false, ['zoneid']],
      importBackupOffering: [true, ['allowuserdrivenbackups', 'description', 'externalid', 'name', 'zoneid']],
      listBackupOfferings: [false, []],
      updateBackupOffering: [false, ['id']],
      deleteBackupOffering: [false, ['id']],
      assignVirtualMachineToBackupOffering: [true, ['backupofferingid', 'virtualmachineid']],
      removeVirtualMachineFromBackupOffering: [true, ['virtualmachineid']],
    };
    for (const [name, [isAsync, required]] of Object.entries(expected)) {
      const api = apis.get(name);
      const requiredNames = api?.params.filter((param) => param.required).map((param) => param.name).sort();
      expect({ name, isasync: api?.isasync, required: requiredNames }).toEqual({ name, isasync: isAsync, required });
    }
    const params = (name: string) => apis.get(name)?.params.map((param) => param.name) ?? [];
    expect(params('createBackup')).toEqual(expect.arrayContaining(['name', 'description', 'quiescevm']));
    expect(params('listBackups')).toEqual(expect.arrayContaining(['backupofferingid']));
    expect(params('deleteBackup')).toEqual(expect.arrayContaining(['forced']));
    expect(params('listVirtualMachines')).toEqual(expect.arrayContaining(['backupofferingid']));

    const userApis = (await aliceClient.ok('listApis')).api.map((api: { name: string }) => api.name);
    expect(userApis).toEqual(
      expect.arrayContaining(['listBackupOfferings', 'assignVirtualMachineToBackupOffering', 'removeVirtualMachineFromBackupOffering']),
    );
    for (const adminOnly of ['listBackupProviderOfferings', 'importBackupOffering', 'updateBackupOffering', 'deleteBackupOffering']) {
      expect(userApis).not.toContain(adminOnly);
    }
    expectApiError(await aliceClient.call('importBackupOffering', {
      zoneid: zone.uuid, externalid: 'gold-policy', name: 'x', description: 'x', allowuserdrivenbackups: true,
    }), 401, notAvailableText('importBackupOffering'));
  });

  it('lists the provider catalogue as backupoffering objects', async () => {
    const reply = await env.admin.ok('listBackupProviderOfferings', { zoneid: zone.uuid });
    expect(reply).toEqual({
      count: 2,
      backupoffering: [
        expect.objectContaining({ id: 'gold-policy', externalid: 'gold-policy', name: 'Golden Policy', zoneid: zone.uuid, zonename: 'zone-a' }),
        expect.objectContaining({ id: 'silver-policy', externalid: 'silver-policy', name: 'Silver Policy' }),
      ],
    });
  });

  it('imports under the policy name and serves the same record under the offering names', async () => {
    const policyId = await env.importPolicy(zone, 'gold-policy', 'Gold');
    const listed = await aliceClient.ok('listBackupOfferings', { id: policyId });
    expect(listed).toEqual({
      count: 1,
      backupoffering: [
        {
          id: policyId,
          name: 'Gold',
          description: expect.any(String),
          externalid: 'gold-policy',
          allowuserdrivenbackups: true,
          zoneid: zone.uuid,
          zonename: 'zone-a',
          created: expect.stringMatching(CLOUDSTACK_DATE),
        },
      ],
    });

    const vm = await env.seed.vm('cross-1', zone, alice);
    expectJobSuccess(
      await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: policyId }),
    );
    const mapping = await aliceClient.ok('listBackupPolicyVMMappings', { virtualmachineid: vm.uuid });
    expect(mapping.backuppolicyvmmap[0]).toMatchObject({ policyid: policyId, policyname: 'Gold' });
    const { backup } = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid, name: 'b1', quiescevm: false }));
    expect(backup).toMatchObject({ policyid: policyId, backupofferingid: policyId, backupofferingname: 'Gold' });
    const byOffering = await aliceClient.ok('listBackups', { backupofferingid: policyId });
    expect(byOffering.backup.map((item: { id: string }) => item.id)).toEqual([backup.id]);

    expectJobSuccess(
      await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid, forced: true }),
    );
    expect(await aliceClient.ok('listBackupPolicyVMMappings', { virtualmachineid: vm.uuid })).toEqual({});
    expect(await env.admin.ok('deleteBackupOffering', { id: policyId })).toEqual({ success: true });
    expect(await env.admin.ok('listBackupPolicies', { zoneid: zone.uuid })).toEqual({});
    expect(await env.admin.ok('listBackupOfferings', { zoneid: zone.uuid })).toEqual({});
  });

  it('imports under the offering name with allowuserdrivenbackups and serves it under the policy names', async () => {
    const { backupoffering } = expectJobSuccess(
      await env.admin.runJob('importBackupOffering', {
        zoneid: zone.uuid,
        externalid: 'silver-policy',
        name: 'Silver',
        description: 'Silver offering',
        allowuserdrivenbackups: false,
      }),
    );
    expect(backupoffering).toEqual({
      id: expect.any(String),
      name: 'Silver',
      description: 'Silver offering',
      externalid: 'silver-policy',
      allowuserdrivenbackups: false,
      zoneid: zone.uuid,
      zonename: 'zone-a',
      created: expect.stringMatching(CLOUDSTACK_DATE),
    });
    const offeringId = backupoffering.id as string;
    const policies = await env.admin.ok('listBackupPolicies', { id: offeringId });
    expect(policies.backuppolicy[0]).toMatchObject({ id: offeringId, name: 'Silver', externalid: 'silver-policy' });
    const [row] = await env.query<{ user_driven_backup: number }>('SELECT user_driven_backup FROM backup_policy WHERE uuid = ?', [offeringId]);
    expect(Number(row?.user_driven_backup)).toBe(0);

    // Users still see an offering that does not allow user-driven backups.
    const seen = await aliceClient.ok('listBackupOfferings', { zoneid: zone.uuid });
    expect(seen.backupoffering.map((item: { id: string }) => item.id)).toContain(offeringId);

    const vm = await env.seed.vm('cross-2', zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: offeringId }));
    const listedVm = await aliceClient.ok('listVirtualMachines', { backupofferingid: offeringId });
    expect(listedVm.virtualmachine).toEqual([
      expect.objectContaining({ id: vm.uuid, backupofferingid: offeringId, backupofferingname: 'Silver', backuppolicyid: offeringId }),
    ]);

    const refused = await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid });
    expectJobFailure(refused, 530, 'The assigned backup offering does not allow ad-hoc user backup');
    expect(await env.query('SELECT id FROM backups WHERE vm_id = ?', [vm.id])).toEqual([]);

    const updated = await env.admin.ok('updateBackupOffering', { id: offeringId, allowuserdrivenbackups: true, name: 'Silver 2' });
    expect(updated.backupoffering).toMatchObject({ id: offeringId, name: 'Silver 2', allowuserdrivenbackups: true, description: 'Silver offering' });
    expect((await env.admin.ok('listBackupPolicies', { id: offeringId })).backuppolicy[0].name).toBe('Silver 2');
    expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));

    expectJobSuccess(await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }));
    expect(await env.admin.ok('deleteBackupPolicy', { id: offeringId })).toEqual({ success: true });
    expect(await env.admin.ok('listBackupOfferings', { zoneid: zone.uuid })).toEqual({});
  });

  it('answers offering-era commands with CloudStack 4.22’s texts', async () => {
    const importSilver = (name: string, externalid: string) =>
      env.admin.runJob('importBackupOffering', { zoneid: zone.uuid, externalid, name, description: 'd', allowuserdrivenbackups: true });
    const { backupoffering } = expectJobSuccess(await importSilver('Bronze', 'bronze-policy'));
    expectJobFailure(await importSilver('Other', 'bronze-policy'), 530, 'A backup offering with external ID bronze-policy already exists');
    expectJobFailure(await importSilver('Bronze', 'other-policy'), 530, 'A backup offering with the same name already exists in this zone');
    expectApiError(
      await env.admin.call('updateBackupOffering', { id: backupoffering.id }),
      431,
      "Can't update Backup Offering [id: following should be informed: name, description or allowUserDrivenBackups.] " +
        'because there are no parameters to be updated, at least one of the',
    );
    const vm = await env.seed.vm('texts', zone, alice);
    expectJobFailure(
      await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid }),
      530,
      'No previously configured backup offering found for the VM',
    );
    expectJobSuccess(
      await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: backupoffering.id }),
    );
    expectJobFailure(
      await aliceClient.runJob('assignVirtualMachineToBackupOffering', { virtualmachineid: vm.uuid, backupofferingid: backupoffering.id }),
      530,
      'VM already is assigned to a backup offering, please remove the VM from its previous offering',
    );
    expectApiError(
      await env.admin.call('deleteBackupOffering', { id: backupoffering.id }),
      530,
      'Backup offering is assigned to VMs, remove the assignment(s) in order to remove the offering.',
    );
    // The current dummy keeps backups on removal; the 4.14 one needs forced=true, with the offering-era text.
    await env.configure('backup.plugin.dummy.behavior', '4.14', zone);
    expectJobFailure(
      await aliceClient.runJob('removeVirtualMachineFromBackupOffering', { virtualmachineid: vm.uuid }),
      431,
      'The backend provider will only allow removal of VM from the offering if forced:true is provided that will also delete the backups.',
    );
    await env.configure('backup.plugin.dummy.behavior', 'current', zone);
  });
});
