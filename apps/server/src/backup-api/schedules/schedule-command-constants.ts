/** CloudStack's event types of the schedule commands (spec §2.0). */
export const ScheduleEventTypes = {
  configure: 'BACKUP.SCHEDULE.CONFIGURE',
  delete: 'BACKUP.SCHEDULE.DELETE',
  create: 'BACKUP.CREATE',
} as const;

/** The release that added the schedule commands. */
export const SCHEDULES_SINCE = '4.14.0';

/** The job command the scheduler submits for each due schedule. */
export const RUN_BACKUP_SCHEDULE = 'runBackupSchedule';
