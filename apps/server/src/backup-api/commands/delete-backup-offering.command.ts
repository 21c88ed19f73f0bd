import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ADMIN_ONLY,
  adminCommandClass,
  BackupEventTypes,
  OFFERING_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
} from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';

/** `deleteBackupOffering` (admin, sync): `deleteBackupPolicy` under its released name. */
export function deleteBackupOfferingCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'deleteBackupOffering',
    description: 'Deletes a backup offering',
    since: OFFERING_ERA_SINCE,
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('DeleteBackupOfferingCmd'),
    eventType: BackupEventTypes.deletePolicy,
    eventDescription: 'deleting backup offering',
    params: [
      {
        name: 'id',
        type: 'uuid',
        entity: 'BackupOffering',
        required: true,
        related: ['listBackupOfferings'],
        description: 'ID of the backup offering',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async ({ caller, params }) => {
      await manager.deletePolicy(caller, params.id);
      return { kind: 'success' };
    }),
  });
}
