import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from '../commands/backup-command-deps';
import { ALL_ROLES, SUCCESS_RESPONSE_FIELDS, userCommandClass } from '../commands/backup-command-constants';
import { SCHEDULES_SINCE, ScheduleEventTypes } from './schedule-command-constants';

/**
 * `deleteBackupSchedule` (all roles, sync): one schedule by `id` (4.20.1), or every schedule of
 * `virtualmachineid`.
 */
export function deleteBackupScheduleCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'deleteBackupSchedule',
    description: 'Deletes the backup schedule of a VM',
    since: SCHEDULES_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('DeleteBackupScheduleCmd'),
    eventType: ScheduleEventTypes.delete,
    eventDescription: 'Deleting VM backup schedule',
    eventResource: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        related: ['listVirtualMachines'],
        description: 'ID of the VM',
      },
      // Entity-typed as in CloudStack (BackupScheduleResponse): another account's schedule is an unknown id.
      { name: 'id', type: 'uuid', entity: 'BackupSchedule', since: '4.20.1', description: 'ID of the schedule' },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async ({ caller, params, rawParams }) => {
      await manager.deleteSchedule(caller, {
        // The binder resolved the uuid (and may the caller see it); the manager takes the uuid itself.
        ...(params.id === undefined ? {} : { uuid: rawParams.id ?? '' }),
        ...(params.virtualmachineid === undefined ? {} : { vmId: params.virtualmachineid }),
      });
      return { kind: 'success' };
    },
  });
}
