import { type BackupScheduleView } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';

/** CloudStack 4.22 `BackupScheduleResponse`, object name `backupschedule`. */
export function toBackupScheduleResponse(schedule: BackupScheduleView): object {
  return {
    id: schedule.uuid,
    virtualmachineid: schedule.vmUuid,
    virtualmachinename: schedule.vmName,
    intervaltype: schedule.intervalType,
    schedule: schedule.schedule,
    timezone: schedule.timeZone,
    maxbackups: schedule.maxBackups,
    ...(schedule.quiesceVm === null ? {} : { quiescevm: schedule.quiesceVm }),
  };
}

export const BACKUP_SCHEDULE_OBJECT = 'backupschedule';

export const BACKUP_SCHEDULE_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'id', type: 'string', description: 'ID of the backup schedule.' },
  { name: 'virtualmachineid', type: 'string', description: 'ID of the VM' },
  { name: 'virtualmachinename', type: 'string', description: 'name of the VM' },
  { name: 'intervaltype', type: 'string', description: 'the interval type of the backup schedule' },
  { name: 'schedule', type: 'string', description: 'time the backup is scheduled to be taken.' },
  { name: 'timezone', type: 'string', description: 'the time zone of the backup schedule' },
  { name: 'maxbackups', type: 'integer', description: 'maximum number of backups retained' },
  { name: 'quiescevm', type: 'boolean', description: 'quiesce the instance before checkpointing the disks for backup' },
];
