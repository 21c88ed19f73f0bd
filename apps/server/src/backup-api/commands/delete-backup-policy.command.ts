import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ADMIN_ONLY,
  adminCommandClass,
  BackupEventTypes,
  POLICY_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
} from './backup-command-constants';

/**
 * `deleteBackupPolicy` (root admin, sync): soft-deletes a policy no VM is assigned to; the same
 * external id can then be imported again.
 */
export function deleteBackupPolicyCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'deleteBackupPolicy',
    description: 'Deletes a backup policy',
    since: POLICY_ERA_SINCE,
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('DeleteBackupPolicyCmd'),
    eventType: BackupEventTypes.deletePolicy,
    eventDescription: 'deleting backup policy',
    params: [
      {
        name: 'id',
        type: 'uuid',
        entity: 'BackupPolicy',
        required: true,
        related: ['listBackupPolicies'],
        description: 'ID of the backup policy',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async ({ caller, params }) => {
      await manager.deletePolicy(caller, params.id);
      return { kind: 'success' };
    },
  });
}
