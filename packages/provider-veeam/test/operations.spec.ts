import { type Backup, type VirtualMachine } from '@csbr/framework';

import { RESTORED_VM_PREFIX } from '../src';
import {
  callOptions,
  counts,
  PERSONALITIES,
  rejectionOf,
  type SimulatedZone,
  startSimulatedZone,
} from './support/simulated-zone';

function backupOf(zone: SimulatedZone, vm: VirtualMachine, externalId: string): Backup {
  return {
    id: '7',
    uuid: '1d2e3f4a-5b6c-4d7e-8f90-000000000007',
    vmId: vm.id,
    externalId,
    type: 'Full',
    date: new Date(),
    size: 0,
    protectedSize: 0,
    status: 'BackedUp',
    policyId: '1',
    accountId: vm.accountId,
    domainId: vm.domainId,
    zoneId: zone.zone.id,
    volumes: vm.backupVolumes ?? [],
  };
}

describe.each(PERSONALITIES)('the Veeam provider against VBR %s', (personality) => {
  let zone: SimulatedZone;
  let vm: VirtualMachine;

  beforeAll(async () => {
    zone = await startSimulatedZone(personality);
    vm = zone.addVm(1);
  });

  afterAll(() => zone.close());

  it('lists the template jobs as policies, without per-VM jobs, and knows only those', async () => {
    const policies = await zone.provider.listPolicies(zone.zone, callOptions());
    expect(policies.map((policy) => policy.name)).toEqual(['Gold', 'Silver', 'db-01-nightly']);
    expect(policies[0]).toEqual({
      externalId: zone.simulator.controls.getJob('Gold')!.id,
      name: 'Gold',
      description: 'Gold policy: 14 restore points',
    });
    expect(await zone.provider.isValidPolicy(zone.zone, policies[0]!.externalId, callOptions())).toBe(true);
    expect(await zone.provider.isValidPolicy(zone.zone, 'gold-policy', callOptions())).toBe(false);
    expect(await zone.provider.isValidPolicy(zone.zone, '00000000-0000-4000-8000-000000000000', callOptions())).toBe(false);
  });

  it(`assigns the VM: its own enabled job, from the template (${personality === '13' ? 'clone' : 'rebuilt'}), with the VM and the schedule on`, async () => {
    const { externalId } = await zone.provider.assignVm({ zone: zone.zone, vm, policy: zone.policy('Gold'), ...callOptions() });
    const job = zone.simulator.controls.getJob(externalId!)!;
    expect(job).toMatchObject({
      name: `${vm.instanceName}-CSBKP-${vm.uuid}`,
      isDisabled: false,
      runAutomatically: true,
      vmNames: [vm.instanceName],
      retention: { type: 'RestorePoints', quantity: 14 },
    });
    expect(counts(zone.simulator, 'CloneJob')).toBe(personality === '13' ? 1 : 0);
    expect(counts(zone.simulator, 'CreateJob')).toBe(personality === '13' ? 0 : 1);
    vm = { ...vm, backupExternalId: externalId! };

    const policies = await zone.provider.listPolicies(zone.zone, callOptions());
    expect(policies.map((policy) => policy.name)).not.toContain(job.name);
  });

  it('takes an ad-hoc backup by following the job session, and returns its restore point', async () => {
    const percents: number[] = [];
    const first = await zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions({ percents }) });
    const second = await zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions() });
    const held = zone.simulator.controls.listRestorePoints({ backupId: zone.simulator.controls.getJob(vm.backupExternalId!)!.backupId });
    expect(held.map((point) => [point.id, point.type])).toEqual([
      [first!.externalId, 'Full'],
      [second!.externalId, 'Increment'],
    ]);
    expect(first).toEqual({ externalId: held[0]!.id, created: new Date(held[0]!.creationTime), type: 'Full' });
    expect(percents.at(-1)).toBe(100);

    const listed = await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() });
    expect(listed.map((point) => point.externalId)).toEqual([first!.externalId, second!.externalId]);
  });

  it('reports backup sizes from Veeam for the VMs it was asked about', async () => {
    const metrics = await zone.provider.getMetrics(zone.zone, [vm, { ...vm, uuid: 'unknown', backupExternalId: undefined }], callOptions());
    const points = zone.simulator.controls.listRestorePoints({ vmObjectId: zone.simulator.controls.listVms({ name: vm.instanceName })[0]!.objectId });
    expect([...metrics.keys()]).toEqual([vm.uuid]);
    expect(metrics.get(vm.uuid)!.backupSize).toBe(points.reduce((sum, point) => sum + point.backupSize, 0));
    expect(metrics.get(vm.uuid)!.dataSize).toBe(
      personality === '13' ? 30 * 1024 ** 3 : points.reduce((sum, point) => sum + point.dataSize, 0),
    );
  });

  it('restores the VM in place from a restore point', async () => {
    const [point] = await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() });
    await zone.provider.restoreVm({ zone: zone.zone, vm, backup: backupOf(zone, vm, point!.externalId), ...callOptions() });
    expect(zone.simulator.controls.listVms({ name: vm.instanceName })[0]).toMatchObject({ restoredInPlace: 1, powerState: 'PoweredOff' });
  });

  it('restores a volume as the whole VM under a temporary name on the target host and datastore', async () => {
    const [point] = await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() });
    const { restoredLocation } = await zone.provider.restoreVolume({
      zone: zone.zone,
      vm,
      backup: backupOf(zone, vm, point!.externalId),
      volume: vm.backupVolumes![0]!,
      targetVm: vm,
      hostIp: 'esx01.sim.local',
      datastoreUuid: 'a1b2c3d4-0000-4000-8000-000000000000',
      ...callOptions(),
    });
    expect(restoredLocation).toMatch(new RegExp(`^${RESTORED_VM_PREFIX}[0-9a-f-]{36}$`));
    // The host the VM names; the datastore from the zone key, as vCenter has no datastore by that uuid.
    expect(zone.simulator.controls.listVms({ name: restoredLocation })[0]).toMatchObject({
      hostName: 'esx01.sim.local',
      datastoreName: 'datastore2',
      powerState: 'PoweredOff',
    });
  });

  it('refuses to delete one restore point without forced, and deletes the chain with it', async () => {
    const points = await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() });
    const backup = backupOf(zone, vm, points[1]!.externalId);
    const refused = await rejectionOf(zone.provider.deleteBackup({ zone: zone.zone, vm, backup, forced: false, ...callOptions() }));
    expect(refused).toMatchObject({ code: 'INVALID_PARAMETER', message: expect.stringContaining('Use forced:true') });
    expect(await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() })).toHaveLength(2);

    await zone.provider.deleteBackup({ zone: zone.zone, vm, backup, forced: true, ...callOptions() });
    expect(await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() })).toEqual([]);
    expect(counts(zone.simulator, personality === '13' ? 'DeleteBackupObject' : 'DeleteBackup')).toBe(1);
    // Deleting again finds nothing left to delete.
    await zone.provider.deleteBackup({ zone: zone.zone, vm, backup, forced: true, ...callOptions() });
  });

  it('removes the VM from its policy: its backups and its job go', async () => {
    await zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions() });
    const jobId = vm.backupExternalId!;
    const backupId = zone.simulator.controls.getJob(jobId)!.backupId;
    expect(zone.provider.willDeleteBackupsOnPolicyRemoval()).toBe(true);

    await zone.provider.removeVm({ zone: zone.zone, vm, ...callOptions() });
    expect(zone.simulator.controls.getJob(jobId)).toBeUndefined();
    expect(zone.simulator.controls.listBackups().map((backup) => backup.id)).not.toContain(backupId);
    // Removing again is harmless.
    await zone.provider.removeVm({ zone: zone.zone, vm, ...callOptions() });
  });
});
