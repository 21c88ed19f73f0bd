export {
  BACKUP_SCHEDULE_INTERVAL_TYPES,
  nextBackupRunTime,
  normalizeScheduleTimeZone,
  parseBackupSchedule,
  parseBackupScheduleIntervalType,
  planScheduledRun,
  type BackupScheduleIntervalType,
  type ParsedBackupSchedule,
  type ScheduledRunPlan,
} from './schedule-arithmetic';
export type {
  BackupSchedule,
  BackupScheduleQuery,
  BackupScheduleRepository,
  BackupScheduleView,
  NewBackupSchedule,
  ScheduledBackupRef,
} from './schedule-ports';
export { backupsToPrune } from './retention';
