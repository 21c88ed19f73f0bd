import { type ScheduledBackupRef } from './schedule-ports';

/**
 * The backups `maxbackups` retention deletes: the oldest good backups beyond `maxBackups`. Only
 * good (`BackedUp`) backups are passed in, so failed ones never count and never push out good
 * ones; the newest good backup is never among the result. `maxBackups` 0 keeps everything.
 * @public
 * @since 1.1.0
 */
export function backupsToPrune(goodBackups: readonly ScheduledBackupRef[], maxBackups: number): readonly ScheduledBackupRef[] {
  if (!Number.isInteger(maxBackups) || maxBackups <= 0) return [];
  const oldestFirst = [...goodBackups].sort(
    (a, b) => a.date.getTime() - b.date.getTime() || Number(a.id) - Number(b.id),
  );
  const keep = Math.max(1, maxBackups);
  return oldestFirst.slice(0, Math.max(0, oldestFirst.length - keep));
}
