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

/** `deleteBackup` (all roles, async): deletes the backup on its zone's provider and removes its row. */
export function deleteBackupCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'deleteBackup',
    description: 'Delete VM backup',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('DeleteBackupCmd'),
    eventType: BackupEventTypes.delete,
    eventDescription: 'deleting VM backup',
    jobInstance: { type: 'Backup', param: 'id' },
    params: [
      {
        name: 'id',
        type: 'uuid',
        entity: 'Backup',
        required: true,
        related: ['listBackups'],
        description: 'id of the VM backup',
      },
      {
        name: 'forced',
        type: 'boolean',
        since: '4.18.0.0',
        description: 'force the deletion of the backup even when the provider must remove a chain',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      await manager.deleteBackup(
        caller,
        { backupId: params.id, forced: params.forced === true },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    },
  });
}
