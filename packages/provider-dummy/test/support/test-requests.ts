import {
  type Backup,
  type BackupPolicy,
  type CreateVmFromBackupRequest,
  type RestorePoint,
  type RestoreVolumeRequest,
  type VirtualMachine,
  type Zone,
} from '@csbr/framework';

import { FIXED_NOW, zoneOne } from './test-provider-context';

export const goldPolicy: BackupPolicy = {
  id: '1',
  uuid: 'policy-uuid-1',
  name: 'Golden Policy',
  description: 'Gold description',
  externalId: 'gold-policy',
  zoneId: zoneOne.id,
  created: FIXED_NOW,
};

/** A `backups` row as the host would have recorded it for a restore point. */
export function backupOf(vm: VirtualMachine, externalId: string, zone: Zone = zoneOne): Backup {
  return {
    id: '10',
    uuid: `backup-${externalId}`,
    vmId: vm.id,
    externalId,
    type: 'FULL',
    date: FIXED_NOW,
    size: 1024,
    protectedSize: 1024000,
    status: 'BackedUp',
    policyId: goldPolicy.id,
    accountId: vm.accountId,
    domainId: vm.domainId,
    zoneId: zone.id,
    volumes: [],
  };
}

export function restoreVolumeRequest(
  vm: VirtualMachine,
  point: RestorePoint,
  zone: Zone = zoneOne,
): RestoreVolumeRequest {
  return {
    zone,
    vm,
    backup: backupOf(vm, point.externalId, zone),
    volume: { uuid: 'volume-uuid-1', type: 'ROOT', size: 8589934592 },
    targetVm: vm,
    hostIp: '10.0.0.5',
    datastoreUuid: 'pool-uuid-1',
  };
}

/** A request to restore `point` of `vm` into a new VM the host recorded. */
export function createVmRequest(
  vm: VirtualMachine,
  point: RestorePoint,
  zone: Zone = zoneOne,
): CreateVmFromBackupRequest {
  return {
    zone,
    vm,
    backup: backupOf(vm, point.externalId, zone),
    targetVm: { ...vm, id: '99', uuid: 'new-vm-uuid', name: 'restored', state: 'Stopped' },
    hostIp: '',
    datastoreUuid: '',
  };
}
