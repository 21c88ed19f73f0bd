import { defineCommand } from '../../api/command-definition';
import {
  BACKUP_OFFERING_RESPONSE_FIELDS,
  toBackupOfferingResponse,
} from '../responses/backup-offering-response';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ADMIN_ONLY,
  adminCommandClass,
  BackupEventTypes,
  OFFERING_ERA_SINCE,
} from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';
import { operationOptionsOf } from './operation-options';

/**
 * `importBackupOffering` (admin, async): `importBackupPolicy` with CloudStack 4.14's names and the
 * required `allowuserdrivenbackups`. The row it stores is the one `listBackupPolicies` lists.
 */
export function importBackupOfferingCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'importBackupOffering',
    description: 'Imports a backup offering using a backup provider',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('ImportBackupOfferingCmd'),
    eventType: BackupEventTypes.importPolicy,
    eventDescription: 'importing backup offering',
    params: [
      { name: 'name', type: 'string', required: true, description: 'the name of the backup offering' },
      {
        name: 'description',
        type: 'string',
        required: true,
        description: 'the description of the backup offering',
      },
      {
        name: 'externalid',
        type: 'string',
        required: true,
        description: 'The backup offering ID (from backup provider side)',
      },
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        required: true,
        related: ['listZones'],
        description: 'The zone ID',
      },
      {
        name: 'allowuserdrivenbackups',
        type: 'boolean',
        required: true,
        description: 'Whether users are allowed to create adhoc backups and backup schedules',
      },
    ],
    response: { objectName: 'backupoffering', fields: BACKUP_OFFERING_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async (context) => {
      const { caller, params } = context;
      const offering = await manager.importPolicy(
        caller,
        {
          zoneId: params.zoneid,
          externalId: params.externalid,
          name: params.name,
          description: params.description,
          allowUserDrivenBackups: params.allowuserdrivenbackups,
        },
        operationOptionsOf(context),
      );
      return { kind: 'object', objectName: 'backupoffering', item: toBackupOfferingResponse(offering) };
    }),
  });
}
