import { type DataCenterEntity } from '../../database/entities';
import { field } from '../support/response-field';

/** CloudStack's `ZoneResponse` (object name `zone`), the fields csbr has, in CloudStack's order. */
export interface ZoneResponse {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly dns1: string;
  readonly internaldns1: string;
  readonly networktype: string;
  readonly securitygroupsenabled: boolean;
  readonly allocationstate: string;
  readonly zonetoken?: string;
  readonly localstorageenabled: boolean;
}

export function toZoneResponse(zone: DataCenterEntity): ZoneResponse {
  return {
    id: zone.uuid ?? '',
    name: zone.name ?? '',
    description: zone.description ?? undefined,
    dns1: zone.dns1,
    internaldns1: zone.internalDns1,
    networktype: zone.networkType,
    securitygroupsenabled: false,
    allocationstate: zone.allocationState,
    zonetoken: zone.zoneToken ?? undefined,
    localstorageenabled: false,
  };
}

export const ZONE_RESPONSE = {
  objectName: 'zone',
  fields: [
    field('id', 'string', 'Zone id'),
    field('name', 'string', 'Zone name'),
    field('description', 'string', 'Zone description'),
    field('dns1', 'string', 'the first DNS for the Zone'),
    field('internaldns1', 'string', 'the first internal DNS for the Zone'),
    field('networktype', 'string', 'the network type of the zone; can be Basic or Advanced'),
    field('securitygroupsenabled', 'boolean', 'true if security groups support is enabled, false otherwise'),
    field('allocationstate', 'string', 'the allocation state of the cluster'),
    field('zonetoken', 'string', 'Zone Token'),
    field('localstorageenabled', 'boolean', 'true if local storage offering enabled, false otherwise'),
  ],
} as const;
