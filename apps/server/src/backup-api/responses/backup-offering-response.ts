import { type ProviderPolicy } from '@csbr/framework';
import { type BackupPolicyView } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';

/**
 * `BackupOfferingResponse` (object name `backupoffering`): the same record `listBackupPolicies`
 * shows, in the offering era's field names.
 */
export function toBackupOfferingResponse(policy: BackupPolicyView): object {
  return {
    id: policy.uuid,
    name: policy.name,
    description: policy.description,
    externalid: policy.externalId,
    allowuserdrivenbackups: policy.allowUserDrivenBackups !== false,
    zoneid: policy.zoneUuid,
    zonename: policy.zoneName,
    created: policy.created,
  };
}

/**
 * An entry of the provider's catalogue (`listBackupProviderOfferings`), not imported yet. CloudStack
 * shows the provider's own id as `id` (Veeam: the job uid, which is also the external id), so
 * csbr shows the external id there; users may take ad-hoc backups until an import says otherwise.
 */
export function toProviderOfferingResponse(
  offering: ProviderPolicy,
  zone: { readonly uuid: string; readonly name: string },
): object {
  return {
    id: offering.externalId,
    name: offering.name,
    description: offering.description,
    externalid: offering.externalId,
    allowuserdrivenbackups: true,
    zoneid: zone.uuid,
    zonename: zone.name,
  };
}

export const BACKUP_OFFERING_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'id', type: 'string', description: 'ID of the backup offering' },
  { name: 'name', type: 'string', description: 'name for the backup offering' },
  { name: 'description', type: 'string', description: 'description for the backup offering' },
  { name: 'externalid', type: 'string', description: 'external ID on the provider side' },
  {
    name: 'allowuserdrivenbackups',
    type: 'boolean',
    description: 'whether offering allows user driven ad-hoc/scheduled backups',
  },
  { name: 'zoneid', type: 'string', description: 'zone ID' },
  { name: 'zonename', type: 'string', description: 'zone name' },
  { name: 'created', type: 'date', description: 'the date this backup offering was created' },
];
