import { BackupError } from '../../src';
import {
  alice,
  bob,
  createFixture,
  expectBackupError,
  PROVIDER,
  rootAdmin,
  salesAdmin,
} from './manager-fixture';

/** Zone 1 with a policy, alice's VM 10 assigned to it. */
async function protectedVm() {
  const f = createFixture();
  const policy = await f.importPolicy('gold', '1');
  const vm = f.addVm('10');
  await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
  return { ...f, policy, vm };
}

describe('BackupManager.createBackup', () => {
  it('records the restore point the provider returns', async () => {
    const f = await protectedVm();
    f.provider.nextRestorePoint = {
      externalId: 'rp-1',
      created: new Date('2020-03-04T10:20:00Z'),
      type: 'FULL',
      size: 1024,
      protectedSize: 1024000,
    };

    const backup = await f.manager.createBackup(alice, { vmId: '10' });

    expect(backup).toEqual({
      id: expect.any(String),
      uuid: expect.any(String),
      vmId: '10',
      // CloudStack's name for a backup nobody named: <host name>-<yyyy-MM-dd'T'HH:mmX> of when it was taken.
      name: 'vm10-2020-03-04T10:23Z',
      externalId: 'rp-1',
      type: 'FULL',
      date: new Date('2020-03-04T10:20:00Z'),
      size: 1024,
      protectedSize: 1024000,
      status: 'BackedUp',
      policyId: f.policy.id,
      accountId: alice.accountId,
      domainId: alice.domainId,
      zoneId: '1',
      volumes: f.store.getVm('10')?.backupVolumes,
      // CloudStack's Backup.Type of a backup createBackup took.
      intervalType: 'MANUAL',
    });
    expect(backup?.volumes).toHaveLength(2);
    expect(f.store.getBackups('10')).toEqual([backup]);
    expect(f.provider.callsOf('takeBackup')).toEqual([
      { zone: f.zone1, vm: expect.objectContaining({ id: '10', backupExternalId: 'fake-job' }) },
    ]);
  });

  it('keeps the name createBackup was given', async () => {
    const f = await protectedVm();
    f.provider.nextRestorePoint = { externalId: 'rp-1', created: new Date('2020-03-04T10:20:00Z'), type: 'FULL' };

    const backup = await f.manager.createBackup(alice, { vmId: '10', name: 'before-upgrade' });

    expect(backup?.name).toBe('before-upgrade');
    expect(f.store.getBackups('10').map((row) => row.name)).toEqual(['before-upgrade']);
  });

  it('records the description createBackup was given, and passes it to the provider', async () => {
    const f = await protectedVm();
    f.provider.nextRestorePoint = { externalId: 'rp-1', created: new Date('2020-03-04T10:20:00Z'), type: 'FULL' };

    const backup = await f.manager.createBackup(alice, { vmId: '10', description: 'Before the upgrade' });

    expect(backup).toMatchObject({ description: 'Before the upgrade', intervalType: 'MANUAL' });
    expect(f.store.getBackups('10').map((row) => row.description)).toEqual(['Before the upgrade']);
    expect(f.provider.callsOf('takeBackup')).toEqual([expect.objectContaining({ description: 'Before the upgrade' })]);
  });

  it('defaults missing sizes to 0 and records nothing when the provider reports the backup later', async () => {
    const f = await protectedVm();
    f.provider.nextRestorePoint = {
      externalId: 'rp-1',
      created: new Date('2020-03-04T10:20:00Z'),
      type: 'Full',
    };
    await expect(f.manager.createBackup(alice, { vmId: '10' })).resolves.toMatchObject({
      size: 0,
      protectedSize: 0,
    });

    f.provider.nextRestorePoint = undefined;
    await expect(f.manager.createBackup(alice, { vmId: '10' })).resolves.toBeUndefined();
    expect(f.store.getBackups('10')).toHaveLength(1);
  });

  it('refuses a VM without policy, an unknown or removed VM, and another account', async () => {
    const f = await protectedVm();
    f.addVm('11');
    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '11' }),
      'INVALID_STATE',
      'VM has not backup policy configured, cannot create backup before assigning it to a backup policy',
    );
    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '404' }),
      'NOT_FOUND',
      'Did not find VM by provided ID',
    );
    f.store.updateVm('11', { removed: new Date(0) });
    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '11' }),
      'NOT_FOUND',
      'Did not find VM by provided ID',
    );
    await expectBackupError(
      f.manager.createBackup(bob, { vmId: '10' }),
      'PERMISSION_DENIED',
      'Account bob does not have permission to operate with resources of account 2',
    );
  });

  it('refuses a VM whose policy row is gone', async () => {
    const f = createFixture();
    f.addVm('10');
    f.store.addMapping('10', '999');
    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '10' }),
      'NOT_FOUND',
      'VM backup policy not found',
    );
  });

  it('hides a non-BackupError provider failure and records nothing', async () => {
    const f = await protectedVm();
    f.provider.nextRestorePoint = { externalId: 'rp-1', created: new Date(), type: 'FULL' };
    f.provider.failWith('takeBackup', new Error('ECONNRESET'));
    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '10' }),
      'OPERATION_FAILED',
      'Failed to create VM backup',
    );
    expect(f.store.getBackups('10')).toEqual([]);
  });
});

describe('BackupManager.listBackups', () => {
  it('lists backups in scope with their names, and checks access to a named VM', async () => {
    const f = await protectedVm();
    f.addVm('11', { owner: bob });
    const mine = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    f.store.addBackup({ vmId: '11', externalId: 'rp-2' });

    const page = await f.manager.listBackups(
      alice,
      { vmId: '10', scope: { kind: 'account', accountId: alice.accountId } },
      { offset: 0 },
    );
    expect(page).toEqual({
      items: [
        {
          ...mine,
          zoneUuid: f.zone1.uuid,
          zoneName: 'zone1',
          accountUuid: expect.any(String),
          accountName: 'alice',
          domainUuid: expect.any(String),
          domainName: 'emea',
          vmUuid: 'vm-uuid-10',
          vmName: 'vm10',
          policyUuid: f.policy.uuid,
          policyName: f.policy.name,
        },
      ],
      total: 1,
    });
    await expectBackupError(
      f.manager.listBackups(alice, { vmId: '11', scope: { kind: 'all' } }, { offset: 0 }),
      'PERMISSION_DENIED',
      'Account alice does not have permission to operate with resources of account 3',
    );
    // A domain admin's recursive scope covers subdomains.
    const sales = await f.manager.listBackups(
      salesAdmin,
      { scope: { kind: 'domain', domainId: '2', domainPath: '/sales/', recursive: true } },
      { offset: 0 },
    );
    expect(sales.items.map((backup) => backup.vmId)).toEqual(['10']);
  });

  it("flags a backup whose VM left the backup's policy, or was expunged", async () => {
    const f = await protectedVm();
    f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    const flags = async () => {
      const { items } = await f.manager.listBackups(rootAdmin, { vmId: '10', scope: { kind: 'all' } }, { offset: 0 });
      return items.map((item) => ({ vmPolicyRemoved: item.vmPolicyRemoved, vmExpunged: item.vmExpunged }));
    };

    expect(await flags()).toEqual([{ vmPolicyRemoved: undefined, vmExpunged: undefined }]);
    await f.manager.removeVmFromPolicy(alice, { vmId: '10' });
    expect(await flags()).toEqual([{ vmPolicyRemoved: true, vmExpunged: undefined }]);
    f.store.updateVm('10', { state: 'Expunging', removed: new Date('2020-03-05T00:00:00Z') });
    expect(await flags()).toEqual([{ vmPolicyRemoved: true, vmExpunged: true }]);
  });
});

describe('BackupManager.restoreBackup', () => {
  async function withBackup() {
    const f = await protectedVm();
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    return { ...f, backup };
  }

  it('restores a stopped VM through the provider while holding it', async () => {
    const f = await withBackup();
    f.store.updateVm('10', { state: 'Stopped' });
    const hold = f.provider.hold('restoreVm');
    const restoring = f.manager.restoreBackup(alice, f.backup.id);
    await hold.reached;
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: f.backup.id }),
      'OPERATION_IN_PROGRESS',
      'Another backup operation is in progress for VM vm-uuid-10, please try again later',
    );
    hold.release();
    await restoring;
    expect(f.provider.callsOf('restoreVm')).toEqual([
      {
        zone: f.zone1,
        vm: expect.objectContaining({ id: '10', state: 'Stopped' }),
        backup: f.backup,
      },
    ]);
  });

  it('refuses a running VM, and allows a removed one', async () => {
    const f = await withBackup();
    await expectBackupError(
      f.manager.restoreBackup(alice, f.backup.id),
      'INVALID_STATE',
      'Existing VM should be stopped before being restored from backup',
    );
    f.store.updateVm('10', { removed: new Date(0), state: 'Expunging' });
    await expect(f.manager.restoreBackup(alice, f.backup.id)).resolves.toBeUndefined();
  });

  it('refuses unknown or removed backups, a vanished VM, a lost policy and another account', async () => {
    const f = await withBackup();
    f.store.updateVm('10', { state: 'Stopped' });
    await expectBackupError(
      f.manager.restoreBackup(alice, '404'),
      'NOT_FOUND',
      'Backup 404 does not exist',
    );
    const orphan = f.store.addBackup({
      vmId: '77',
      externalId: 'rp-x',
      zoneId: '1',
      policyId: f.policy.id,
    });
    await expectBackupError(
      f.manager.restoreBackup(alice, orphan.id),
      'NOT_FOUND',
      `VM of backup ${orphan.uuid} couldn't be found on existing or removed VMs`,
    );
    const lost = f.store.addBackup({ vmId: '10', externalId: 'rp-y', policyId: '999' });
    await expectBackupError(
      f.manager.restoreBackup(alice, lost.id),
      'NOT_FOUND',
      'Failed to find backup policy of the VM backup',
    );
    await expectBackupError(
      f.manager.restoreBackup(bob, f.backup.id),
      'PERMISSION_DENIED',
      'Account bob does not have permission to operate with resources of account 2',
    );
    await f.manager.deleteBackup(alice, { backupId: f.backup.id });
    await expectBackupError(
      f.manager.restoreBackup(alice, f.backup.id),
      'NOT_FOUND',
      `Backup ${f.backup.uuid} does not exist`,
    );
  });

  it("restores from the backup's own policy even after it was deleted", async () => {
    const f = await withBackup();
    f.store.updateVm('10', { state: 'Stopped' });
    await f.manager.removeVmFromPolicy(alice, { vmId: '10' });
    await f.manager.deletePolicy(rootAdmin, f.policy.id);
    await expect(f.manager.restoreBackup(alice, f.backup.id)).resolves.toBeUndefined();
  });

  it('wraps a non-BackupError provider failure', async () => {
    const f = await withBackup();
    f.store.updateVm('10', { state: 'Stopped' });
    f.provider.failWith('restoreVm', new Error('timeout'));
    await expectBackupError(
      f.manager.restoreBackup(alice, f.backup.id),
      'OPERATION_FAILED',
      `Error restoring VM from backup ID ${f.backup.id}`,
    );
  });
});

describe('BackupManager.restoreBackupVolume', () => {
  async function withBackup() {
    const f = await protectedVm();
    const backup = f.store.addBackup({
      vmId: '10',
      externalId: 'rp-1',
      date: new Date('2020-03-04T10:20:00Z'),
    });
    const target = f.addVm('5', { hostIp: '10.1.1.5' });
    return { ...f, backup, target };
  }

  it('restores the volume and attaches it to the target VM as a new data disk', async () => {
    const f = await withBackup();
    const volume = await f.manager.restoreBackupVolume(alice, {
      backupId: f.backup.id,
      volumeUuid: 'data-10',
      vmId: '5',
    });

    expect(f.provider.callsOf('restoreVolume')).toEqual([
      {
        zone: f.zone1,
        vm: expect.objectContaining({ id: '10' }),
        backup: f.backup,
        volume: expect.objectContaining({ uuid: 'data-10', size: 20 * 1024 ** 3 }),
        targetVm: expect.objectContaining({ id: '5' }),
        hostIp: '10.1.1.5',
        datastoreUuid: 'pool-5',
      },
    ]);
    expect(volume).toMatchObject({
      name: 'Restored-data-10-20200304102000',
      type: 'DATADISK',
      size: 20 * 1024 ** 3,
      path: 'restored-disk-1',
      poolUuid: 'pool-5',
      vmId: '5',
      deviceId: 2,
    });
    expect(f.store.getVolumes('5').map((v) => v.uuid)).toEqual(['root-5', 'data-5', volume.uuid]);
  });

  it('holds both VMs, in id order, during the provider call', async () => {
    const f = await withBackup();
    const hold = f.provider.hold('restoreVolume');
    const restoring = f.manager.restoreBackupVolume(alice, {
      backupId: f.backup.id,
      volumeUuid: 'root-10',
      vmId: '5',
    });
    await hold.reached;
    expect(f.store.guardedVms()).toEqual(['5', '10']);
    hold.release();
    await restoring;
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('restores onto the same VM, locking it once', async () => {
    const f = await withBackup();
    await expect(
      f.manager.restoreBackupVolume(alice, {
        backupId: f.backup.id,
        volumeUuid: 'root-10',
        vmId: '10',
      }),
    ).resolves.toMatchObject({ vmId: '10', name: 'Restored-root-10-20200304102000' });
  });

  it('passes the provider message through (dummy: NOT_SUPPORTED) and attaches nothing', async () => {
    const f = await withBackup();
    f.provider.failWith(
      'restoreVolume',
      new BackupError('NOT_SUPPORTED', 'Dummy plugin does not support this feature'),
    );
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, {
        backupId: f.backup.id,
        volumeUuid: 'data-10',
        vmId: '5',
      }),
      'NOT_SUPPORTED',
      'Dummy plugin does not support this feature',
    );
    expect(f.store.getVolumes('5')).toHaveLength(2);
  });

  it('uses empty host and datastore when the target has neither', async () => {
    const f = await withBackup();
    f.store.addVm({ id: '6', zoneId: '1', accountId: alice.accountId, domainId: alice.domainId });
    await f.manager.restoreBackupVolume(alice, {
      backupId: f.backup.id,
      volumeUuid: 'data-10',
      vmId: '6',
    });
    expect(f.provider.callsOf('restoreVolume')).toEqual([
      expect.objectContaining({ hostIp: '', datastoreUuid: '' }),
    ]);
  });

  it('enforces every rule with its message', async () => {
    const f = await withBackup();
    const request = { backupId: f.backup.id, volumeUuid: 'data-10', vmId: '5' };
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, volumeUuid: '  ' }),
      'INVALID_PARAMETER',
      'Invalid volume ID passed',
    );
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, backupId: '404' }),
      'NOT_FOUND',
      'Provided backup not found',
    );
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, vmId: '404' }),
      'NOT_FOUND',
      'Provided VM not found',
    );
    f.addVm('20', { owner: bob });
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, vmId: '20' }),
      'PERMISSION_DENIED',
      'Account alice does not have permission to operate with resources of account 3',
    );
    f.addVm('21', { zoneId: '2' });
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, vmId: '21' }),
      'INVALID_PARAMETER',
      'Cross zone backup restoration of volume is not allowed',
    );
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, volumeUuid: 'nope' }),
      'NOT_FOUND',
      'Failed to find volume in the backedup volumes of ID nope',
    );
    const orphan = f.store.addBackup({ vmId: '77', externalId: 'rp-x', zoneId: '1' });
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { ...request, backupId: orphan.id }),
      'NOT_FOUND',
      'VM reference for the provided VM backup not found',
    );
    // Bob owns the target but not the backup's VM.
    await expectBackupError(
      f.manager.restoreBackupVolume(bob, { ...request, vmId: '20' }),
      'PERMISSION_DENIED',
      'Account bob does not have permission to operate with resources of account 2',
    );
    expect(f.provider.callsOf('restoreVolume')).toEqual([]);
  });
});

describe('BackupManager.deleteBackup', () => {
  it('deletes on the provider and marks the row removed', async () => {
    const f = await protectedVm();
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    await f.manager.deleteBackup(alice, { backupId: backup.id, forced: true });
    expect(f.provider.callsOf('deleteBackup')).toEqual([
      { zone: f.zone1, vm: expect.objectContaining({ id: '10' }), backup, forced: true },
    ]);
    expect(f.store.getBackups('10')).toEqual([
      { ...backup, status: 'Removed', removed: new Date('2020-03-04T10:23:45Z') },
    ]);
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: backup.id }),
      'NOT_FOUND',
      `Backup ${backup.uuid} does not exist`,
    );
  });

  it("uses the backup's zone provider even after the VM left its policy (4.14 defect fixed)", async () => {
    const f = await protectedVm();
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    await f.manager.removeVmFromPolicy(alice, { vmId: '10' });
    await f.manager.deleteBackup(alice, { backupId: backup.id });
    expect(f.provider.callsOf('deleteBackup')).toEqual([
      expect.objectContaining({ forced: false }),
    ]);
  });

  it('refuses unknown backups, vanished VMs, other accounts and rolls back on provider failure', async () => {
    const f = await protectedVm();
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: '404' }),
      'NOT_FOUND',
      'Backup 404 does not exist',
    );
    const orphan = f.store.addBackup({ vmId: '77', externalId: 'rp-x', zoneId: '1' });
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: orphan.id }),
      'NOT_FOUND',
      `VM of backup ${orphan.uuid} does not exist`,
    );
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    await expectBackupError(
      f.manager.deleteBackup(bob, { backupId: backup.id }),
      'PERMISSION_DENIED',
      'Account bob does not have permission to operate with resources of account 2',
    );
    f.provider.failWith('deleteBackup', new Error('locked by vendor'));
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: backup.id }),
      'OPERATION_FAILED',
      'Failed to delete the backup',
    );
    expect(f.store.getBackups('10')[0]?.removed).toBeUndefined();
  });

  it('reports an unregistered provider of the zone', async () => {
    const f = await protectedVm();
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    f.store.config.set(PROVIDER, 'gone', '1');
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: backup.id }),
      'PROVIDER_NOT_FOUND',
      'Failed to find backup provider by the name: gone',
    );
  });
});
