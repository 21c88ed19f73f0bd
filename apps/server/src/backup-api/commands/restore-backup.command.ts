import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  BackupEventTypes,
  OFFERING_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { operationOptionsOf } from './operation-options';

/**
 * `restoreBackup` (all roles, async): restores the backup's VM in place. The VM must be stopped;
 * while the restore runs, every other backup operation on the VM is refused.
 */
export function restoreBackupCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'restoreBackup',
    description: 'Restores an existing stopped or deleted VM using a VM backup',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('RestoreBackupCmd'),
    eventType: BackupEventTypes.restore,
    eventDescription: 'restoring VM from backup',
    jobInstance: { type: 'Backup', param: 'id' },
    params: [
      {
        name: 'id',
        type: 'uuid',
        entity: 'Backup',
        required: true,
        related: ['listBackups'],
        description: 'ID of the backup',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      await manager.restoreBackup(caller, params.id, operationOptionsOf(context));
      return { kind: 'success' };
    },
  });
}
