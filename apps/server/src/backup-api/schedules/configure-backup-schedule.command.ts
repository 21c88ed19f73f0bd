import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from '../commands/backup-command-deps';
import { ALL_ROLES, userCommandClass } from '../commands/backup-command-constants';
import { BACKUP_SCHEDULE_OBJECT, BACKUP_SCHEDULE_RESPONSE_FIELDS, toBackupScheduleResponse } from './backup-schedule-response';
import { SCHEDULES_SINCE, ScheduleEventTypes } from './schedule-command-constants';

/**
 * `createBackupSchedule` and `updateBackupSchedule` (all roles, sync). In CloudStack 4.22 the
 * update command inherits the create command's parameters and both upsert the VM's schedule of
 * the interval type, so both are built here from one definition.
 */
export function configureBackupScheduleCommand(
  { manager }: BackupCommandDeps,
  name: 'createBackupSchedule' | 'updateBackupSchedule',
) {
  const isCreate = name === 'createBackupSchedule';
  return defineCommand({
    name,
    description: isCreate ? 'Creates a user-defined VM backup schedule' : 'Updates a user-defined VM backup schedule',
    since: SCHEDULES_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass(isCreate ? 'CreateBackupScheduleCmd' : 'UpdateBackupScheduleCmd'),
    eventType: ScheduleEventTypes.configure,
    eventDescription: 'Configuring user-defined VM backup schedule',
    eventResource: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        required: true,
        related: ['listVirtualMachines'],
        description: 'ID of the VM for which schedule is to be defined',
      },
      {
        name: 'intervaltype',
        type: 'string',
        required: true,
        description: 'valid values are HOURLY, DAILY, WEEKLY, and MONTHLY',
      },
      {
        name: 'schedule',
        type: 'string',
        required: true,
        description:
          'custom backup schedule, the format is:for HOURLY MM*, for DAILY MM:HH*, for WEEKLY MM:HH:DD (1-7)*, for MONTHLY MM:HH:DD (1-28)',
      },
      {
        name: 'timezone',
        type: 'string',
        required: true,
        description:
          'Specifies a timezone for this command. For more information on the timezone parameter, see TimeZone Format.',
      },
      {
        name: 'maxbackups',
        type: 'integer',
        since: '4.21.0',
        description: 'maximum number of backups to retain',
      },
      {
        name: 'quiescevm',
        type: 'boolean',
        since: '4.21.0',
        description: 'Quiesce the instance before checkpointing the disks for backup',
      },
    ],
    response: { objectName: BACKUP_SCHEDULE_OBJECT, fields: BACKUP_SCHEDULE_RESPONSE_FIELDS },
    handler: async ({ caller, params }) => {
      const schedule = await manager.configureSchedule(caller, {
        vmId: params.virtualmachineid,
        intervalType: params.intervaltype,
        schedule: params.schedule,
        timeZone: params.timezone,
        ...(params.maxbackups === undefined ? {} : { maxBackups: params.maxbackups }),
        ...(params.quiescevm === undefined ? {} : { quiesceVm: params.quiescevm }),
      });
      const page = await manager.listSchedules(caller, { id: schedule.id, scope: { kind: 'all' } }, { offset: 0, limit: 1 });
      const view = page.items[0];
      if (view === undefined) return { kind: 'success' };
      return { kind: 'object', objectName: BACKUP_SCHEDULE_OBJECT, item: toBackupScheduleResponse(view) };
    },
  });
}
