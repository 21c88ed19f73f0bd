import { randomUUID } from 'node:crypto';
import { type VirtualMachine, type Volume } from '../../domain/types';
import { compareIds } from '../../host/backup-manager/compare-ids';
import { type VmRepository } from '../../host/ports';
import { type StateAccess, type StoreState, type VmRecord, type VolumeRecord } from './store-state';

/** The VM as the database returns it: with the policy of its mapping row. */
export function toVirtualMachine(state: StoreState, record: VmRecord): VirtualMachine {
  const policyId = state.mappings.get(record.id)?.policyId;
  return policyId === undefined ? { ...record } : { ...record, backupPolicyId: policyId };
}

/** Non-removed volumes of the VM, ROOT first then by device id. */
export function volumesOf(state: StoreState, vmId: string): Volume[] {
  return [...state.volumes.values()]
    .filter((volume) => volume.vmId === vmId && volume.removed === undefined)
    .sort(
      (a, b) =>
        (a.type === 'ROOT' ? 0 : 1) - (b.type === 'ROOT' ? 0 : 1) ||
        (a.deviceId ?? Number.MAX_SAFE_INTEGER) - (b.deviceId ?? Number.MAX_SAFE_INTEGER) ||
        compareIds(a.id, b.id),
    )
    .map(({ removed: _removed, ...volume }) => volume);
}

export function createVmRepository(access: StateAccess): VmRepository {
  return {
    findById(id, options) {
      const state = access.read();
      const record = state.vms.get(id);
      if (record === undefined) return Promise.resolve(undefined);
      if (record.removed !== undefined && options?.includeRemoved !== true)
        return Promise.resolve(undefined);
      return Promise.resolve(toVirtualMachine(state, record));
    },

    listVolumes(vmId) {
      return Promise.resolve(volumesOf(access.read(), vmId));
    },

    updateBackupFields(vmId, fields) {
      access.write((state) => {
        const record = state.vms.get(vmId);
        if (record === undefined) return;
        const { backupExternalId: _externalId, backupVolumes: _volumes, ...rest } = record;
        state.vms.set(vmId, {
          ...rest,
          ...(fields.externalId === null ? {} : { backupExternalId: fields.externalId }),
          ...(fields.volumes === null ? {} : { backupVolumes: [...fields.volumes] }),
        });
      });
      return Promise.resolve();
    },

    listProtected(zoneId, afterId, limit) {
      const state = access.read();
      const protectedVms = [...state.mappings.keys()]
        .map((vmId) => state.vms.get(vmId))
        .filter(
          (vm): vm is VmRecord =>
            vm !== undefined &&
            vm.zoneId === zoneId &&
            vm.removed === undefined &&
            (afterId === undefined || compareIds(vm.id, afterId) > 0),
        )
        .sort((a, b) => compareIds(a.id, b.id))
        .slice(0, limit)
        .map((vm) => toVirtualMachine(state, vm));
      return Promise.resolve(protectedVms);
    },

    listProtectedByUuids(zoneId, uuids) {
      const state = access.read();
      const wanted = new Set(uuids);
      const found = [...state.mappings.keys()]
        .map((vmId) => state.vms.get(vmId))
        .filter(
          (vm): vm is VmRecord =>
            vm !== undefined && vm.zoneId === zoneId && vm.removed === undefined && wanted.has(vm.uuid),
        )
        .map((vm) => toVirtualMachine(state, vm));
      return Promise.resolve(found);
    },

    attachRestoredVolume(vm, volume) {
      const attached = volumesOf(access.read(), vm.id);
      const deviceId = Math.max(0, ...attached.map((existing) => existing.deviceId ?? 0)) + 1;
      const created: Volume = {
        id: access.nextId('volumes'),
        uuid: randomUUID(),
        name: volume.name,
        type: 'DATADISK',
        size: volume.size,
        deviceId,
        vmId: vm.id,
        zoneId: vm.zoneId,
        accountId: vm.accountId,
        domainId: vm.domainId,
        ...(volume.path === undefined ? {} : { path: volume.path }),
        ...(volume.poolUuid === undefined ? {} : { poolUuid: volume.poolUuid }),
      };
      access.write((state) => state.volumes.set(created.id, created));
      return Promise.resolve(created);
    },

    recordVmFromBackup(vm) {
      const id = access.nextId('vms');
      const uuid = randomUUID();
      const record: VmRecord = {
        id,
        uuid,
        name: vm.name ?? `VM-${uuid}`,
        instanceName: `i-${vm.accountId}-${id}-VM`,
        state: 'Stopped',
        zoneId: vm.zoneId,
        accountId: vm.accountId,
        domainId: vm.domainId,
        hypervisorType: vm.hypervisorType,
      };
      const volumes: VolumeRecord[] = vm.volumes.map((volume, index) => ({
        id: access.nextId('volumes'),
        uuid: randomUUID(),
        name: `${volume.type === 'ROOT' ? 'ROOT' : 'DATA'}-${id}`,
        type: volume.type,
        size: volume.size,
        deviceId: volume.type === 'ROOT' ? 0 : index,
        vmId: id,
        zoneId: vm.zoneId,
        accountId: vm.accountId,
        domainId: vm.domainId,
      }));
      access.write((state) => {
        state.vms.set(id, record);
        for (const volume of volumes) state.volumes.set(volume.id, volume);
      });
      return Promise.resolve({ ...record });
    },

    discardVmFromBackup(vmId, at) {
      access.write((state) => {
        const record = state.vms.get(vmId);
        if (record !== undefined) state.vms.set(vmId, { ...record, state: 'Expunging', removed: at });
        for (const volume of [...state.volumes.values()]) {
          if (volume.vmId === vmId && volume.removed === undefined) {
            state.volumes.set(volume.id, { ...volume, removed: at });
          }
        }
      });
      return Promise.resolve();
    },
  };
}
