import { defineCommand } from '../../api/command-definition';
import { BACKUP_POLICY_RESPONSE_FIELDS, toBackupPolicyResponse } from '../responses/backup-policy-response';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ADMIN_ONLY,
  adminCommandClass,
  BackupEventTypes,
  POLICY_ERA_SINCE,
} from './backup-command-constants';
import { operationOptionsOf } from './operation-options';

/**
 * `importBackupPolicy` (root admin, async): validates the external id with the zone's provider,
 * refuses duplicates in the zone and stores a `backup_policy` row. Result `{"backuppolicy":{…}}`.
 */
export function importBackupPolicyCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'importBackupPolicy',
    description: 'Imports a backup policy from an external backup provider',
    since: POLICY_ERA_SINCE,
    isAsync: true,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('ImportBackupPolicyCmd'),
    eventType: BackupEventTypes.importPolicy,
    eventDescription: 'importing backup policy',
    params: [
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        required: true,
        related: ['listZones'],
        description: 'The zone ID',
      },
      {
        name: 'externalid',
        type: 'string',
        required: true,
        length: 80,
        description: 'The backup policy ID (from the backup provider side)',
      },
      { name: 'name', type: 'string', required: true, description: 'the name of the backup policy' },
      {
        name: 'description',
        type: 'string',
        required: true,
        description: 'the description of the backup policy',
      },
    ],
    response: { objectName: 'backuppolicy', fields: BACKUP_POLICY_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      const policy = await manager.importPolicy(
        caller,
        {
          zoneId: params.zoneid,
          externalId: params.externalid,
          name: params.name,
          description: params.description,
        },
        operationOptionsOf(context),
      );
      return { kind: 'object', objectName: 'backuppolicy', item: toBackupPolicyResponse(policy) };
    },
  });
}
