import { type AccountScope, type Page, type PageRequest } from '../ports';
import { type BackupScheduleIntervalType } from './schedule-arithmetic';

/**
 * A backup schedule (`backup_schedule`, CloudStack 4.22): a VM has at most one per interval type.
 * @public
 * @since 1.1.0
 */
export interface BackupSchedule {
  readonly id: string;
  readonly uuid: string;
  readonly vmId: string;
  readonly intervalType: BackupScheduleIntervalType;
  /** `MM`, `MM:HH` or `MM:HH:DD`. */
  readonly schedule: string;
  readonly timeZone: string;
  /** The next run (UTC); null until computed. */
  readonly scheduledAt: Date | null;
  /** Good backups kept for this schedule; 0 keeps all. */
  readonly maxBackups: number;
  readonly quiesceVm: boolean | null;
  readonly accountId: string;
  readonly domainId: string;
}

/** A schedule with its VM's names, for responses. @public @since 1.1.0 */
export interface BackupScheduleView extends BackupSchedule {
  readonly vmUuid: string;
  readonly vmName: string;
}

/** @public @since 1.1.0 */
export type NewBackupSchedule = Omit<BackupSchedule, 'id' | 'uuid'>;

/** @public @since 1.1.0 */
export interface BackupScheduleQuery {
  readonly id?: string;
  /** The schedule's uuid (the API's `id`). */
  readonly uuid?: string;
  readonly vmId?: string;
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** A good backup a schedule made, for retention. @public @since 1.1.0 */
export interface ScheduledBackupRef {
  readonly id: string;
  readonly date: Date;
}

/**
 * Where schedules live. Every method is one statement, so no transaction is needed.
 * @public
 * @since 1.1.0
 */
export interface BackupScheduleRepository {
  findById(id: string): Promise<BackupSchedule | undefined>;
  findByVmAndType(vmId: string, intervalType: BackupScheduleIntervalType): Promise<BackupSchedule | undefined>;
  insert(schedule: NewBackupSchedule): Promise<BackupSchedule>;
  update(
    id: string,
    fields: Pick<BackupSchedule, 'schedule' | 'timeZone' | 'scheduledAt' | 'maxBackups' | 'quiesceVm'>,
  ): Promise<void>;
  /** Hard delete; false when it was gone. */
  delete(id: string): Promise<boolean>;
  list(query: BackupScheduleQuery, page: PageRequest): Promise<Page<BackupScheduleView>>;
  /** Schedules whose next run is at or before `now`, oldest first. */
  listDue(now: Date, limit: number): Promise<readonly BackupSchedule[]>;
  /**
   * Moves the next run from `expected` to `next`, atomically (compare-and-set): true for exactly
   * one of several instances that try at once, so a slot starts one run.
   */
  advance(id: string, expected: Date, next: Date): Promise<boolean>;
  /**
   * The schedule's backups (`backups.backup_schedule_id`, which the backup's row records when it is
   * taken) that are `BackedUp` and not removed, oldest first.
   */
  listGoodBackups(scheduleId: string): Promise<readonly ScheduledBackupRef[]>;
}
