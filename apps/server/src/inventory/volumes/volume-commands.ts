import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult } from '../../api/command-results';
import { accountScopeParams, listParams } from '../../api/common-params';
import { type AccountScopeResolver } from '../../api/scope/account-scope-resolver';
import { toVolumeResponse, VOLUME_RESPONSE } from './volume-view';
import { type VolumesService } from './volumes.service';

const VOLUME_CMD_PACKAGE = 'org.apache.cloudstack.api.command.user.volume';

/** `listVolumes`, `attachVolume`, `detachVolume`. */
export function volumeCommands(volumes: VolumesService, scopes: AccountScopeResolver): AnyCommandDefinition[] {
  const listVolumes = defineCommand({
    name: 'listVolumes',
    description: 'Lists all volumes.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    related: ['attachVolume', 'detachVolume'],
    params: [
      ...listParams(),
      ...accountScopeParams(),
      { name: 'id', type: 'uuid', entity: 'Volume', description: 'the ID of the disk volume' },
      { name: 'name', type: 'string', description: 'the name of the disk volume' },
      { name: 'type', type: 'string', description: 'the type of disk volume (ROOT or DATADISK)' },
      { name: 'virtualmachineid', type: 'uuid', entity: 'VirtualMachine', related: ['listVirtualMachines'], description: 'the ID of the virtual machine' },
      { name: 'zoneid', type: 'uuid', entity: 'Zone', related: ['listZones'], description: 'the ID of the availability zone' },
    ],
    response: VOLUME_RESPONSE,
    handler: async (context) => {
      const { params, paging } = context;
      const page = await volumes.list(
        {
          id: params.id,
          name: params.name,
          type: params.type,
          vmId: params.virtualmachineid,
          zoneId: params.zoneid,
          keyword: params.keyword,
          scope: await scopes.resolve(context),
        },
        paging,
      );
      return listResult('volume', { items: page.items.map(toVolumeResponse), total: page.total });
    },
  });

  const attachVolume = defineCommand({
    name: 'attachVolume',
    description:
      'Attaches a disk volume to a virtual machine. Refused while the virtual machine has a backup policy.',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VOLUME.ATTACH',
    eventDescription: 'attaching volume',
    className: `${VOLUME_CMD_PACKAGE}.AttachVolumeCmd`,
    jobInstance: { type: 'Volume', param: 'id' },
    params: [
      { name: 'id', type: 'uuid', entity: 'Volume', required: true, related: ['listVolumes'], description: 'the ID of the disk volume' },
      { name: 'virtualmachineid', type: 'uuid', entity: 'VirtualMachine', required: true, related: ['listVirtualMachines'], description: 'the ID of the virtual machine' },
      { name: 'deviceid', type: 'long', description: 'the ID of the device to map the volume to the guest OS (never 0, the ROOT disk)' },
    ],
    response: VOLUME_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult(
        'volume',
        toVolumeResponse(await volumes.attach(caller, params.id, params.virtualmachineid, params.deviceid)),
      ),
  });

  const detachVolume = defineCommand({
    name: 'detachVolume',
    description:
      'Detaches a disk volume from a virtual machine. Refused while the virtual machine has a backup policy.',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VOLUME.DETACH',
    eventDescription: 'detaching volume',
    className: `${VOLUME_CMD_PACKAGE}.DetachVolumeCmd`,
    jobInstance: { type: 'Volume', param: 'id' },
    params: [
      { name: 'id', type: 'uuid', entity: 'Volume', related: ['listVolumes'], description: 'the ID of the disk volume' },
      { name: 'virtualmachineid', type: 'uuid', entity: 'VirtualMachine', related: ['listVirtualMachines'], description: 'the ID of the virtual machine where the volume is detached from' },
      { name: 'deviceid', type: 'long', description: 'the device ID on the virtual machine where volume is detached from' },
    ],
    response: VOLUME_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult(
        'volume',
        toVolumeResponse(
          await volumes.detach(caller, { volumeId: params.id, vmId: params.virtualmachineid, deviceId: params.deviceid }),
        ),
      ),
  });

  return [listVolumes, attachVolume, detachVolume];
}
