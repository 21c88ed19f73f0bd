import { type ProviderPolicy } from '@csbr/framework';
import { type BackupPolicyView } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';
import { wireDate } from '../../api/serialization/wire-value';

/** `BackupPolicyResponse` (policy era, plus the zone name and creation date). */
export function toBackupPolicyResponse(policy: BackupPolicyView): object {
  return {
    id: policy.uuid,
    name: policy.name,
    description: policy.description,
    externalid: policy.externalId,
    zoneid: policy.zoneUuid,
    zonename: policy.zoneName,
    created: wireDate(policy.created),
  };
}

/** An entry of the provider's catalogue (`listBackupPolicies external=true`); it has no id yet. */
export function toExternalPolicyResponse(policy: ProviderPolicy, zoneUuid: string): object {
  return {
    externalid: policy.externalId,
    name: policy.name,
    description: policy.description,
    zoneid: zoneUuid,
  };
}

export const BACKUP_POLICY_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'id', type: 'string', description: 'ID of the backup policy' },
  { name: 'name', type: 'string', description: 'name for the backup policy' },
  { name: 'description', type: 'string', description: 'description for the backup policy' },
  { name: 'externalid', type: 'string', description: 'external ID on the provider side' },
  { name: 'zoneid', type: 'string', description: 'zone ID' },
  { name: 'zonename', type: 'string', description: 'zone name' },
  { name: 'created', type: 'date', description: 'the date this backup policy was imported' },
];
