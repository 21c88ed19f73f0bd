import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult, successResult } from '../../api/command-results';
import { listParams } from '../../api/common-params';
import { oneOf } from '../support/one-of';
import { SUCCESS_RESPONSE } from '../support/success-response';
import { toZoneResponse, ZONE_RESPONSE } from './zone-response';
import { type ZonesService } from './zones.service';

const NETWORK_TYPES = ['Basic', 'Advanced'] as const;
const ALLOCATION_STATES = ['Enabled', 'Disabled'] as const;

/** `createZone`, `listZones`, `deleteZone`. */
export function zoneCommands(zones: ZonesService): AnyCommandDefinition[] {
  const createZone = defineCommand({
    name: 'createZone',
    description:
      'Creates a Zone. csbr records zones as CloudStack\'s Simulator hypervisor does: no pods, clusters or hosts are set up.',
    isAsync: false,
    allowedRoles: ['Admin'],
    eventType: 'ZONE.CREATE',
    eventResource: { type: 'Zone' },
    eventDescription: 'creating zone',
    related: ['listZones'],
    params: [
      { name: 'name', type: 'string', required: true, description: 'the name of the Zone' },
      { name: 'dns1', type: 'string', required: true, description: 'the first DNS for the Zone' },
      { name: 'internaldns1', type: 'string', required: true, description: 'the first internal DNS for the Zone' },
      { name: 'networktype', type: 'string', required: true, description: 'network type of the zone, can be Basic or Advanced' },
      {
        name: 'allocationstate',
        type: 'string',
        description: 'Allocation state of this Zone for allocation of new resources: Enabled (the default in csbr) or Disabled',
      },
    ],
    response: ZONE_RESPONSE,
    handler: async ({ params }) => {
      const networkType = oneOf(NETWORK_TYPES, params.networktype, 'Invalid network type');
      const allocationState = oneOf(
        ALLOCATION_STATES,
        params.allocationstate ?? 'Enabled',
        `Unable to resolve Allocation State '${params.allocationstate ?? ''}' to a supported state`,
      );
      const zone = await zones.create({
        name: params.name,
        dns1: params.dns1,
        internalDns1: params.internaldns1,
        networkType,
        allocationState,
      });
      return objectResult('zone', toZoneResponse(zone));
    },
  });

  const listZones = defineCommand({
    name: 'listZones',
    description: 'Lists zones. Users and domain admins only see enabled zones.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    related: ['createZone'],
    params: [
      ...listParams(),
      { name: 'id', type: 'uuid', entity: 'Zone', description: 'the ID of the zone' },
      { name: 'name', type: 'string', description: 'the name of the zone' },
      { name: 'available', type: 'boolean', description: 'accepted for compatibility; every listed zone is available' },
    ],
    response: ZONE_RESPONSE,
    handler: async ({ params, caller, paging }) => {
      const page = await zones.list(
        {
          id: params.id,
          name: params.name,
          keyword: params.keyword,
          enabledOnly: caller.roleType !== 'Admin',
        },
        paging,
      );
      return listResult('zone', { items: page.items.map(toZoneResponse), total: page.total });
    },
  });

  const deleteZone = defineCommand({
    name: 'deleteZone',
    description: 'Deletes a Zone that has no virtual machines or volumes left.',
    isAsync: false,
    allowedRoles: ['Admin'],
    eventType: 'ZONE.DELETE',
    eventDescription: 'deleting zone',
    jobInstance: { type: 'Zone', param: 'id' },
    params: [{ name: 'id', type: 'uuid', entity: 'Zone', required: true, description: 'the ID of the Zone' }],
    response: SUCCESS_RESPONSE,
    handler: async ({ params }) => {
      await zones.delete(params.id);
      return successResult();
    },
  });

  return [createZone, listZones, deleteZone];
}
