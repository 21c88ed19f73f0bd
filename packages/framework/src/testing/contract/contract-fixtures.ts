import { type BackupPolicy, type VirtualMachine, type Zone } from '../../domain/types';

/** The zone the suite uses when the environment names none. */
export const CONTRACT_ZONE: Zone = { id: '1', uuid: 'f8c2a0e4-5b1d-4c53-9a3e-000000000001', name: 'contract-zone' };

/** A VM of the zone, as the host hands it to providers. */
export function contractVm(index: number, zone: Zone = CONTRACT_ZONE): VirtualMachine {
  const id = String(100 + index);
  return {
    id,
    uuid: `5d0c7f6a-9e2b-4a8d-8c1f-${String(index).padStart(12, '0')}`,
    name: `contract-vm-${index}`,
    instanceName: `i-2-${id}-VM`,
    state: 'Stopped',
    zoneId: zone.id,
    accountId: '2',
    domainId: '1',
    hypervisorType: 'VMware',
    hostIp: '10.0.0.10',
    backupVolumes: [
      { uuid: `7a1e0b52-3c4d-4e5f-8a9b-${String(index).padStart(12, '0')}`, type: 'ROOT', size: 8 * 1024 ** 3, path: `root-${id}` },
    ],
  };
}

/** An imported policy of the zone for a catalogue entry. */
export function contractPolicy(externalId: string, zone: Zone = CONTRACT_ZONE): BackupPolicy {
  return {
    id: '1',
    uuid: '2b9e6d10-4f3a-4c8e-9d7b-000000000001',
    name: 'Contract policy',
    description: 'Imported by the provider contract suite',
    externalId,
    zoneId: zone.id,
    created: new Date(),
  };
}
