import { BackupError } from '../../errors';
import { addLocalDays, instantOfLocal, isKnownTimeZone, localFields } from './zoned-time';

/**
 * CloudStack's backup schedule arithmetic (DateUtil.getNextRunTime, spec §7.3) as pure
 * functions: no clock, no database. `schedule` is `MM` (HOURLY), `MM:HH` (DAILY) or `MM:HH:DD`
 * (WEEKLY: day of week 1 = Sunday … 7 = Saturday; MONTHLY: day of month 1-28, CloudStack refuses
 * 29-31 so that every month has the day). Times are wall-clock times in an IANA zone and stay
 * right across daylight-saving changes.
 */

/**
 * The interval types in CloudStack's order; the index is the ordinal stored in
 * `backup_schedule.schedule_type`.
 * @public
 * @since 1.1.0
 */
export const BACKUP_SCHEDULE_INTERVAL_TYPES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY'] as const;

/** @public @since 1.1.0 */
export type BackupScheduleIntervalType = (typeof BACKUP_SCHEDULE_INTERVAL_TYPES)[number];

/** The time zone CloudStack (java.util.TimeZone) falls back to for an unknown id. */
const FALLBACK_TIME_ZONE = 'GMT';

/**
 * The interval type named by `value` (case-insensitive, as CloudStack's enum lookup), or undefined.
 * @public
 * @since 1.1.0
 */
export function parseBackupScheduleIntervalType(value: string): BackupScheduleIntervalType | undefined {
  const upper = value.trim().toUpperCase();
  return BACKUP_SCHEDULE_INTERVAL_TYPES.find((type) => type === upper);
}

/**
 * The time zone a schedule runs in: the given id when `Intl` knows it, otherwise `GMT`, as
 * CloudStack's `TimeZone.getTimeZone` does.
 * @public
 * @since 1.1.0
 */
export function normalizeScheduleTimeZone(timeZone: string): string {
  return isKnownTimeZone(timeZone) ? timeZone : FALLBACK_TIME_ZONE;
}

/** @public @since 1.1.0 */
export interface ParsedBackupSchedule {
  readonly minute: number;
  readonly hour: number;
  /** Day of week (WEEKLY, 1 = Sunday) or day of month (MONTHLY); 0 otherwise. */
  readonly day: number;
}

const PARTS_NEEDED: Record<BackupScheduleIntervalType, number> = { HOURLY: 1, DAILY: 2, WEEKLY: 3, MONTHLY: 3 };

function invalidSchedule(schedule: string, type: string, reason: string): BackupError {
  // CloudStack wraps every DateUtil failure in this one InvalidParameterValueException text.
  return new BackupError('INVALID_PARAMETER', `Invalid schedule: ${schedule} for interval type: ${type}`, {
    details: { reason },
  });
}

function field(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || !/^\d{1,2}$/.test(raw.trim())) return undefined;
  const value = Number(raw.trim());
  return value >= min && value <= max ? value : undefined;
}

/**
 * Parses and validates a schedule string for an interval type. Extra trailing parts are ignored,
 * as CloudStack ignores them.
 * @throws BackupError `INVALID_PARAMETER` with CloudStack's text
 * `Invalid schedule: <schedule> for interval type: <type>`.
 * @public
 * @since 1.1.0
 */
export function parseBackupSchedule(type: BackupScheduleIntervalType, schedule: string): ParsedBackupSchedule {
  const parts = schedule.split(':');
  if (schedule.trim() === '' || parts.length < PARTS_NEEDED[type]) {
    throw invalidSchedule(schedule, type, `Incorrect schedule format: ${schedule} for interval type:${type}`);
  }
  const minute = field(parts[0], 0, 59);
  if (minute === undefined) throw invalidSchedule(schedule, type, 'minute must be 0-59');
  if (type === 'HOURLY') return { minute, hour: 0, day: 0 };
  const hour = field(parts[1], 0, 23);
  if (hour === undefined) throw invalidSchedule(schedule, type, 'hour must be 0-23');
  if (type === 'DAILY') return { minute, hour, day: 0 };
  if (type === 'MONTHLY' && Number(parts[2]) > 28) {
    throw invalidSchedule(schedule, type, 'Day cannot be greater than 28 for monthly schedule');
  }
  const day = type === 'WEEKLY' ? field(parts[2], 1, 7) : field(parts[2], 1, 28);
  if (day === undefined) throw invalidSchedule(schedule, type, type === 'WEEKLY' ? 'day of week must be 1-7' : 'day of month must be 1-28');
  return { minute, hour, day };
}

const MINUTE_MS = 60_000;

function nextHourly(minute: number, timeZone: string, afterMs: number): number {
  // Every absolute hour has the minute once (twice local 01:MM when clocks go back, none of
  // 02:MM when they go forward) - exactly the hourly runs one expects.
  let candidate = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let step = 0; step < 8; step += 1) {
    const delta = (minute - localFields(candidate, timeZone).minute + 60) % 60;
    if (delta === 0) return candidate;
    candidate += delta * MINUTE_MS;
  }
  return candidate;
}

function dayMatches(type: BackupScheduleIntervalType, parsed: ParsedBackupSchedule, date: { year: number; month: number; day: number }): boolean {
  if (type === 'DAILY') return true;
  if (type === 'MONTHLY') return date.day === parsed.day;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 1;
  return weekday === parsed.day;
}

/**
 * The first run time strictly after `after` for the schedule in `timeZone` (an unknown zone runs
 * in GMT). A wall-clock time that a DST change skips runs at the same moment shifted by the gap
 * (02:30 becomes 03:30 CEST); one that occurs twice runs once, at the earlier instant.
 * @throws BackupError `INVALID_PARAMETER` for an invalid schedule.
 * @public
 * @since 1.1.0
 */
export function nextBackupRunTime(
  type: BackupScheduleIntervalType,
  schedule: string,
  timeZone: string,
  after: Date,
): Date {
  const parsed = parseBackupSchedule(type, schedule);
  const zone = normalizeScheduleTimeZone(timeZone);
  const afterMs = after.getTime();
  if (type === 'HOURLY') return new Date(nextHourly(parsed.minute, zone, afterMs));
  const today = localFields(afterMs, zone);
  // A month has at most 31 days; 62 covers a monthly day that already passed this month.
  for (let offset = 0; offset <= 62; offset += 1) {
    const date = addLocalDays(today.year, today.month, today.day, offset);
    if (!dayMatches(type, parsed, date)) continue;
    const candidate = instantOfLocal(zone, date.year, date.month, date.day, parsed.hour, parsed.minute);
    if (candidate > afterMs) return new Date(candidate);
  }
  /* istanbul ignore next -- unreachable: every type matches within 62 days */
  throw invalidSchedule(schedule, type, 'no run time found');
}

/** @public @since 1.1.0 */
export interface ScheduledRunPlan {
  /** Whether the schedule is due now (its stored time has come). */
  readonly due: boolean;
  /**
   * When it runs next if it runs now (or its stored time if not due). Computed from `now`, so
   * slots missed while no instance ran collapse into the one run now: catch-up runs once, not
   * once per missed slot.
   */
  readonly nextRunAt: Date;
}

/**
 * Whether a schedule whose stored next run is `scheduledAt` is due at `now`, and the next run
 * time to store when it runs. A schedule with no stored time is not due; it gets its next time.
 * @public
 * @since 1.1.0
 */
export function planScheduledRun(
  schedule: { readonly intervalType: BackupScheduleIntervalType; readonly schedule: string; readonly timeZone: string },
  scheduledAt: Date | null,
  now: Date,
): ScheduledRunPlan {
  const next = nextBackupRunTime(schedule.intervalType, schedule.schedule, schedule.timeZone, now);
  if (scheduledAt === null) return { due: false, nextRunAt: next };
  const due = scheduledAt.getTime() <= now.getTime();
  return { due, nextRunAt: due ? next : scheduledAt };
}
