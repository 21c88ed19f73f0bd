import { type Volume, type Zone } from '@csbr/framework';

import { type ResponseFieldDefinition } from '../../api/command-definition';

/** The restored data disk (`VolumeResponse`, the fields this server knows). */
export function toRestoredVolumeResponse(
  volume: Volume,
  zone: Zone | undefined,
  vmUuid: string,
): object {
  return {
    id: volume.uuid,
    name: volume.name,
    zoneid: zone?.uuid,
    zonename: zone?.name,
    type: volume.type,
    deviceid: volume.deviceId,
    virtualmachineid: vmUuid,
    size: volume.size,
    state: 'Ready',
  };
}

export const RESTORED_VOLUME_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'id', type: 'string', description: 'ID of the disk volume' },
  { name: 'name', type: 'string', description: 'name of the disk volume' },
  { name: 'zoneid', type: 'string', description: 'ID of the availability zone' },
  { name: 'zonename', type: 'string', description: 'name of the availability zone' },
  { name: 'type', type: 'string', description: 'type of the disk volume (ROOT or DATADISK)' },
  { name: 'deviceid', type: 'long', description: 'the ID of the device on user vm' },
  { name: 'virtualmachineid', type: 'string', description: 'id of the virtual machine' },
  { name: 'size', type: 'long', description: 'size of the disk volume' },
  { name: 'state', type: 'string', description: 'the state of the disk volume' },
];
