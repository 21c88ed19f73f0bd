import { BackupError } from '../../src';
import {
  alice,
  bob,
  createFixture,
  expectBackupError,
  opsAdmin,
  rootAdmin,
  salesAdmin,
} from './manager-fixture';

const ASSIGN_FAILED =
  'Failed to assign the VM to the backup policy, please try removing the assignment and try again.';

describe('BackupManager.assignPolicy', () => {
  it('maps the VM, captures its volumes and external id, calls the provider and records usage', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    const vm = f.addVm('10');

    const mapping = await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });

    expect(mapping).toEqual({
      id: expect.any(String),
      policyId: policy.id,
      vmId: '10',
      zoneId: '1',
      created: new Date('2020-03-04T10:23:45Z'),
    });
    const volumes = [
      { uuid: 'root-10', type: 'ROOT', size: 8 * 1024 ** 3, path: 'root-path-10', deviceId: 0 },
      {
        uuid: 'data-10',
        type: 'DATADISK',
        size: 20 * 1024 ** 3,
        path: 'data-path-10',
        deviceId: 1,
      },
    ];
    expect(f.store.getVm('10')).toMatchObject({
      backupPolicyId: policy.id,
      backupExternalId: 'fake-job',
      backupVolumes: volumes,
    });
    expect(f.provider.callsOf('assignVm')).toEqual([
      {
        zone: f.zone1,
        vm: expect.objectContaining({
          id: '10',
          backupPolicyId: policy.id,
          backupVolumes: volumes,
        }),
        policy: expect.objectContaining({ id: policy.id, externalId: 'gold' }),
      },
    ]);
    expect(f.store.usageEvents).toEqual([
      {
        type: 'BACKUP.OFFERING.ASSIGN',
        accountId: alice.accountId,
        zoneId: '1',
        resourceId: '10',
        resourceName: 'Backup-vm10-vm-uuid-10',
        offeringId: policy.id,
        resourceType: 'Backup',
      },
    ]);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('accepts Stopped and Shutdown VMs and refuses other states', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10', { state: 'Stopped' });
    f.addVm('11', { state: 'Shutdown' });
    f.addVm('12', { state: 'Starting' });
    f.addVm('13', { state: 'Error' });
    await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    await f.manager.assignPolicy(alice, { vmId: '11', policyId: policy.id });
    for (const vmId of ['12', '13']) {
      await expectBackupError(
        f.manager.assignPolicy(alice, { vmId, policyId: policy.id }),
        'INVALID_STATE',
        'VM is not in running or stopped state',
      );
    }
  });

  it('refuses unknown and removed VMs', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    f.store.updateVm('10', { removed: new Date('2020-01-01T00:00:00Z') });
    for (const vmId of ['10', '404']) {
      await expectBackupError(
        f.manager.assignPolicy(alice, { vmId, policyId: policy.id }),
        'NOT_FOUND',
        'Did not find VM by provided ID',
      );
    }
  });

  it('refuses unknown and deleted policies', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    await f.manager.deletePolicy(rootAdmin, policy.id);
    f.addVm('10');
    for (const policyId of [policy.id, '404']) {
      await expectBackupError(
        f.manager.assignPolicy(alice, { vmId: '10', policyId }),
        'NOT_FOUND',
        'Provided backup policy does not exist',
      );
    }
  });

  it('refuses a policy of another zone (CloudStack 4.14 forgot this check)', async () => {
    const f = createFixture();
    const zone2Policy = await f.importPolicy('gold', '2');
    f.addVm('10', { zoneId: '1' });
    await expectBackupError(
      f.manager.assignPolicy(alice, { vmId: '10', policyId: zone2Policy.id }),
      'INVALID_PARAMETER',
      'VM and backup policy must be in the same zone',
    );
    expect(f.provider.calls.filter((call) => call.method === 'assignVm')).toEqual([]);
  });

  it('refuses a VM that already has a policy', async () => {
    const f = createFixture();
    const gold = await f.importPolicy('gold', '1');
    const silver = await f.importPolicy('silver', '1');
    f.addVm('10');
    await f.manager.assignPolicy(alice, { vmId: '10', policyId: gold.id });
    await expectBackupError(
      f.manager.assignPolicy(alice, { vmId: '10', policyId: silver.id }),
      'ALREADY_EXISTS',
      'VM already is assigned to a backup policy, please remove the VM from its previous policy',
    );
    expect(f.store.getMappings()).toEqual([expect.objectContaining({ policyId: gold.id })]);
  });

  it("denies another account's user and a domain admin of an unrelated domain", async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    for (const caller of [bob, opsAdmin]) {
      await expectBackupError(
        f.manager.assignPolicy(caller, { vmId: '10', policyId: policy.id }),
        'PERMISSION_DENIED',
        `Account ${caller.accountName} does not have permission to operate with resources of account 2`,
      );
    }
    expect(f.store.getMappings()).toEqual([]);
  });

  it('allows the domain admin of a parent domain and the root admin', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    f.addVm('11');
    await f.manager.assignPolicy(salesAdmin, { vmId: '10', policyId: policy.id });
    await f.manager.assignPolicy(rootAdmin, { vmId: '11', policyId: policy.id });
    expect(f.store.getMappings().map((mapping) => mapping.vmId)).toEqual(['10', '11']);
  });

  it('rolls everything back when the provider fails, keeping a BackupError message', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    f.provider.failWith(
      'assignVm',
      new BackupError('UPSTREAM_REJECTED', 'Veeam refused to clone job gold'),
    );

    await expectBackupError(
      f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id }),
      'UPSTREAM_REJECTED',
      'Veeam refused to clone job gold',
    );

    expect(f.store.getMappings()).toEqual([]);
    const vm = f.store.getVm('10');
    expect(vm?.backupPolicyId).toBeUndefined();
    expect(vm?.backupExternalId).toBeUndefined();
    expect(vm?.backupVolumes).toBeUndefined();
    expect(f.store.usageEvents).toEqual([]);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it("wraps any other provider failure in CloudStack's message, with the cause attached", async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    const vendorError = new Error('HTTP 500 <html>stack trace</html>');
    f.provider.failWith('assignVm', vendorError);

    const error = await f.manager
      .assignPolicy(alice, { vmId: '10', policyId: policy.id })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'OPERATION_FAILED',
      message: ASSIGN_FAILED,
      cause: vendorError,
    });
    expect(f.store.getMappings()).toEqual([]);
    expect(f.store.getVm('10')?.backupExternalId).toBeUndefined();

    // Nothing half-assigned: a retry after the vendor recovers succeeds.
    f.provider.recover('assignVm');
    await expect(
      f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id }),
    ).resolves.toMatchObject({
      vmId: '10',
    });
  });

  it('holds the VM during the provider call so other backup operations on it are refused', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    const hold = f.provider.hold('assignVm');
    const assigning = f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    await hold.reached;

    expect(f.store.guardedVms()).toEqual(['10']);
    await expectBackupError(
      f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id }),
      'OPERATION_IN_PROGRESS',
      'Another backup operation is in progress for VM vm-uuid-10, please try again later',
    );

    hold.release();
    await expect(assigning).resolves.toMatchObject({ vmId: '10' });
    expect(f.store.getMappings()).toHaveLength(1);
  });
});

describe('BackupManager.removeVmFromPolicy', () => {
  async function assigned(deletesBackups: boolean) {
    const f = createFixture();
    f.provider.deletesBackupsOnRemoval = deletesBackups;
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    f.store.addBackup({ vmId: '10', externalId: 'rp-2' });
    return { ...f, policy };
  }

  it('removes the mapping and backup fields, and records usage with the policy id', async () => {
    const f = await assigned(false);
    await f.manager.removeVmFromPolicy(alice, { vmId: '10' });

    expect(f.store.getMappings()).toEqual([]);
    const vm = f.store.getVm('10');
    expect([vm?.backupPolicyId, vm?.backupExternalId, vm?.backupVolumes]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(f.provider.callsOf('removeVm')).toEqual([
      { zone: f.zone1, vm: expect.objectContaining({ id: '10' }) },
    ]);
    // The provider keeps the backups, so the rows stay.
    expect(f.store.getBackups('10').map((backup) => backup.removed)).toEqual([
      undefined,
      undefined,
    ]);
    expect(f.store.usageEvents[1]).toEqual({
      type: 'BACKUP.OFFERING.REMOVE',
      accountId: alice.accountId,
      zoneId: '1',
      resourceId: '10',
      resourceName: 'Backup-vm10-vm-uuid-10',
      offeringId: f.policy.id,
      resourceType: 'Backup',
    });
  });

  it('requires forced when the provider deletes backups on removal', async () => {
    const f = await assigned(true);
    await expectBackupError(
      f.manager.removeVmFromPolicy(alice, { vmId: '10', forced: false }),
      'INVALID_PARAMETER',
      'The backend provider will only allow removal of VM from the policy if forced:true is provided that will also delete the backups.',
    );
    expect(f.store.getMappings()).toHaveLength(1);
    expect(f.provider.callsOf('removeVm')).toEqual([]);
  });

  it('with forced, removes the VM and marks its backups removed', async () => {
    const f = await assigned(true);
    f.clock.advance(5000);
    await f.manager.removeVmFromPolicy(alice, { vmId: '10', forced: true });
    expect(f.store.getMappings()).toEqual([]);
    expect(f.store.getBackups('10').map((backup) => [backup.status, backup.removed])).toEqual([
      ['Removed', new Date('2020-03-04T10:23:50Z')],
      ['Removed', new Date('2020-03-04T10:23:50Z')],
    ]);
  });

  it('rolls back when the provider fails', async () => {
    const f = await assigned(true);
    f.provider.failWith('removeVm', new Error('vendor down'));
    await expectBackupError(
      f.manager.removeVmFromPolicy(alice, { vmId: '10', forced: true }),
      'OPERATION_FAILED',
      'Failed to remove VM from backup policy',
    );
    expect(f.store.getMappings()).toHaveLength(1);
    expect(f.store.getVm('10')?.backupExternalId).toBe('fake-job');
    expect(f.store.getBackups('10').map((backup) => backup.removed)).toEqual([
      undefined,
      undefined,
    ]);
    expect(f.store.usageEvents.map((event) => event.type)).toEqual(['BACKUP.OFFERING.ASSIGN']);
  });

  it('works for a removed VM and refuses a VM without policy or unknown', async () => {
    const f = await assigned(false);
    f.store.updateVm('10', { removed: new Date('2020-03-01T00:00:00Z'), state: 'Destroyed' });
    await f.manager.removeVmFromPolicy(alice, { vmId: '10' });
    await expectBackupError(
      f.manager.removeVmFromPolicy(alice, { vmId: '10' }),
      'NOT_FOUND',
      'No previously configured backup policy found for the VM',
    );
    await expectBackupError(
      f.manager.removeVmFromPolicy(alice, { vmId: '404' }),
      'NOT_FOUND',
      'Did not find VM by provided ID',
    );
  });

  it("denies another account's user", async () => {
    const f = await assigned(false);
    await expectBackupError(
      f.manager.removeVmFromPolicy(bob, { vmId: '10' }),
      'PERMISSION_DENIED',
      'Account bob does not have permission to operate with resources of account 2',
    );
    expect(f.store.getMappings()).toHaveLength(1);
  });
});

describe('BackupManager.listMappings', () => {
  it('lists mappings in scope and checks access to a named VM', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    f.addVm('11', { owner: bob });
    await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    await f.manager.assignPolicy(bob, { vmId: '11', policyId: policy.id });

    const mine = await f.manager.listMappings(
      alice,
      {},
      { kind: 'account', accountId: alice.accountId },
      { offset: 0 },
    );
    expect(mine.items).toEqual([
      expect.objectContaining({
        vmId: '10',
        vmUuid: 'vm-uuid-10',
        vmName: 'vm10',
        policyUuid: policy.uuid,
        policyName: policy.name,
        zoneName: 'zone1',
      }),
    ]);
    const all = await f.manager.listMappings(
      rootAdmin,
      { policyId: policy.id },
      { kind: 'all' },
      { offset: 0 },
    );
    expect(all.total).toBe(2);
    await expectBackupError(
      f.manager.listMappings(alice, { vmId: '11' }, { kind: 'all' }, { offset: 0 }),
      'PERMISSION_DENIED',
      'Account alice does not have permission to operate with resources of account 3',
    );
  });
});
