import { alice, bob, createFixture, expectBackupError } from './manager-fixture';

/** Zone 1 with a policy, alice's VM 10 assigned to it and one backup of it (ROOT + DATADISK). */
async function withBackup(options: Parameters<typeof createFixture>[0] = {}) {
  const f = createFixture(options);
  const policy = await f.importPolicy('gold', '1');
  const vm = f.addVm('10');
  await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
  const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1', date: new Date('2020-03-04T10:20:00Z') });
  return { ...f, policy, vm, backup };
}

/** The id the next recorded VM gets (the store's sequence continues after the seeded VM 10). */
const NEXT_VM_ID = '11';

/** Ids of the VMs recorded since the seed (removed ones too). */
function newVmIds(f: Awaited<ReturnType<typeof withBackup>>): string[] {
  return f.store.getVm(NEXT_VM_ID) === undefined ? [] : [NEXT_VM_ID];
}

describe('BackupManager.createVmFromBackup', () => {
  it('records a Stopped VM shaped like the backup for the caller, then has the provider restore into it', async () => {
    const f = await withBackup();

    const vm = await f.manager.createVmFromBackup(alice, {
      backupId: f.backup.id,
      zoneId: '1',
      name: 'restored-db',
    });

    expect(vm).toMatchObject({
      name: 'restored-db',
      state: 'Stopped',
      zoneId: '1',
      accountId: alice.accountId,
      domainId: alice.domainId,
      hypervisorType: f.vm.hypervisorType,
    });
    expect(vm.removed).toBeUndefined();
    const volumes = f.store.getVolumes(vm.id);
    expect(volumes.map((volume) => [volume.type, volume.size])).toEqual(
      f.backup.volumes.map((volume) => [volume.type, volume.size]),
    );
    expect(volumes[0]?.type).toBe('ROOT');
    expect(f.provider.callsOf('createVmFromBackup')).toEqual([
      {
        zone: f.zone1,
        vm: expect.objectContaining({ id: '10' }),
        backup: f.backup,
        targetVm: expect.objectContaining({ id: vm.id, state: 'Stopped' }),
        hostIp: '',
        datastoreUuid: '',
      },
    ]);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('holds the backup’s VM and the new VM while the provider runs, and releases both', async () => {
    const f = await withBackup();
    const hold = f.provider.hold('createVmFromBackup');
    const creating = f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '1' });
    await hold.reached;
    const [newId] = newVmIds(f);
    expect(f.store.guardedVms()).toEqual([newId, '10'].sort());
    hold.release();
    const vm = await creating;
    expect(vm.id).toBe(newId);
    expect(vm.name).toBe(`VM-${vm.uuid}`);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('refuses a provider that cannot create VMs by capability, before any call and recording nothing', async () => {
    const f = await withBackup({ capabilities: { createVmFromBackup: false } });

    await expectBackupError(
      f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '1' }),
      'NOT_SUPPORTED',
      'The backup provider fake does not support creating a VM from a backup',
    );
    expect(f.provider.callsOf('createVmFromBackup')).toEqual([]);
    expect(newVmIds(f)).toEqual([]);
  });

  it('removes the new VM and its volumes when the provider fails, and reports the provider’s error', async () => {
    const f = await withBackup();
    f.provider.failWith('createVmFromBackup', new Error('vendor exploded'));

    await expectBackupError(
      f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '1' }),
      'OPERATION_FAILED',
      'Failed to create an instance from the backup',
    );
    const [newId] = newVmIds(f);
    expect(newId).toBeDefined();
    expect(f.store.getVm(newId!)).toMatchObject({ state: 'Expunging', removed: expect.any(Date) });
    expect(f.store.getVolumes(newId!)).toEqual([]);
    expect(f.store.guardedVms()).toEqual([]);
    expect(f.store.getBackups('10')).toEqual([f.backup]);
  });

  it('refuses another zone than the backup’s', async () => {
    const f = await withBackup();
    await expectBackupError(
      f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '2' }),
      'INVALID_PARAMETER',
      "Cross zone instance creation from a backup is not supported: the zone must be the backup's zone",
    );
    expect(newVmIds(f)).toEqual([]);
  });

  it('refuses another account’s backup', async () => {
    const f = await withBackup();
    await expect(f.manager.createVmFromBackup(bob, { backupId: f.backup.id, zoneId: '1' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(newVmIds(f)).toEqual([]);
    expect(f.provider.callsOf('createVmFromBackup')).toEqual([]);
  });

  it('refuses an unknown backup and a zone whose framework is disabled', async () => {
    const f = await withBackup();
    await expectBackupError(
      f.manager.createVmFromBackup(alice, { backupId: '999', zoneId: '1' }),
      'NOT_FOUND',
      'Provided backup not found',
    );
    f.store.config.set('backup.framework.enabled', 'false', '1');
    await expect(f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '1' })).rejects.toMatchObject({
      code: 'ZONE_DISABLED',
    });
    expect(newVmIds(f)).toEqual([]);
  });

  it('refuses a backup that records no ROOT volume', async () => {
    const f = await withBackup();
    const rootless = f.store.addBackup({
      vmId: '10',
      externalId: 'rp-2',
      date: new Date('2020-03-05T10:20:00Z'),
      volumes: [{ uuid: 'data-10', type: 'DATADISK', size: 1024 }],
    });
    await expectBackupError(
      f.manager.createVmFromBackup(alice, { backupId: rootless.id, zoneId: '1' }),
      'INVALID_STATE',
      `Backup ${rootless.uuid} records no ROOT volume, so no VM can be created from it`,
    );
  });

  it('removes the new VM when the server dies during the provider call (recovery)', async () => {
    const f = await withBackup();
    const hold = f.provider.hold('createVmFromBackup');
    void f.manager.createVmFromBackup(alice, { backupId: f.backup.id, zoneId: '1' }).catch(() => undefined);
    await hold.reached;
    const [newId] = newVmIds(f);
    const [operation] = f.store.getOperations();
    f.store.reassignOperation(operation!.id, '99');
    const recovered = await f.manager.recoverOperations('99');
    expect(recovered).toEqual([
      expect.objectContaining({ operation: expect.objectContaining({ kind: 'CreateVmFromBackup' }), status: 'failed' }),
    ]);
    expect(f.store.getVm(newId!)).toMatchObject({ state: 'Expunging', removed: expect.any(Date) });
    expect(f.store.guardedVms()).toEqual([]);
    hold.release();
  });

  it('records the volumes the VM has at backup time, so a disk attached after assignment is in the new VM', async () => {
    const f = await withBackup();
    const added = f.store.addVolume({ vmId: '10', type: 'DATADISK', size: 5 * 1024 ** 3, deviceId: 2 });
    f.provider.nextRestorePoint = { externalId: 'rp-2', created: new Date('2020-03-05T10:20:00Z'), type: 'FULL' };

    const backup = await f.manager.createBackup(alice, { vmId: '10' });

    expect(backup?.volumes.map((volume) => volume.uuid)).toEqual(f.store.getVolumes('10').map((volume) => volume.uuid));
    expect(backup?.volumes).toContainEqual(expect.objectContaining({ uuid: added.uuid, type: 'DATADISK', size: 5 * 1024 ** 3 }));
    const vm = await f.manager.createVmFromBackup(alice, { backupId: backup!.id, zoneId: '1' });
    expect(f.store.getVolumes(vm.id).map((volume) => [volume.type, volume.size])).toEqual(
      backup!.volumes.map((volume) => [volume.type, volume.size]),
    );
  });
});
