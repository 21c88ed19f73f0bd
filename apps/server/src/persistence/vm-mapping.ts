import { type VirtualMachine, type VmState, type Volume, type VolumeType } from '@csbr/framework';

import { type VmInstanceEntity, type VolumeEntity } from '../database/entities';
import { volumeInfosFromJson } from './volume-info-json';

/**
 * A `vm_instance` row as the framework sees it. The policy comes from `backup_policy_vm_map`;
 * there is no hosts table, so `hostIp` stays unset.
 */
export function toVirtualMachine(
  vm: VmInstanceEntity,
  backupPolicyId: string | undefined,
): VirtualMachine {
  return {
    id: vm.id,
    uuid: vm.uuid ?? '',
    name: vm.name,
    instanceName: vm.instanceName,
    state: vm.state as VmState,
    zoneId: vm.dataCenterId,
    accountId: vm.accountId,
    domainId: vm.domainId,
    hypervisorType: vm.hypervisorType ?? '',
    ...(backupPolicyId === undefined ? {} : { backupPolicyId }),
    ...(vm.backupExternalId === null ? {} : { backupExternalId: vm.backupExternalId }),
    ...(vm.backupVolumes === null
      ? {}
      : {
          backupVolumes: volumeInfosFromJson(
            vm.backupVolumes,
            `vm_instance.backup_volumes of VM ${vm.id}`,
          ),
        }),
    ...(vm.removed === null ? {} : { removed: vm.removed }),
  };
}

/** A `volumes` row. Pools are not modelled, so `poolUuid` stays unset. */
export function toVolume(volume: VolumeEntity): Volume {
  return {
    id: volume.id,
    uuid: volume.uuid ?? '',
    name: volume.name ?? '',
    type: volume.volumeType as VolumeType,
    size: Number(volume.size),
    ...(volume.path === null ? {} : { path: volume.path }),
    ...(volume.deviceId === null ? {} : { deviceId: Number(volume.deviceId) }),
    ...(volume.instanceId === null ? {} : { vmId: volume.instanceId }),
    zoneId: volume.dataCenterId,
    accountId: volume.accountId,
    domainId: volume.domainId,
  };
}
