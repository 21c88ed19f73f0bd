/*
 * Recognises the database failures the repositories turn into BackupErrors. TypeORM wraps the
 * driver's error in a QueryFailedError (`driverError`); mysql2 errors carry `errno`, sql.js errors
 * only a message.
 */

/** MySQL/MariaDB `ER_DUP_ENTRY`. */
const ER_DUP_ENTRY = 1062;
/** `ER_LOCK_DEADLOCK`: InnoDB chose this transaction as a deadlock victim and rolled it back. */
const ER_LOCK_DEADLOCK = 1213;

interface DriverErrorShape {
  readonly errno?: unknown;
  readonly message?: unknown;
}

function driverErrorOf(error: unknown): DriverErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = (error as { driverError?: unknown }).driverError;
  return typeof wrapped === 'object' && wrapped !== null ? wrapped : error;
}

/**
 * The unique constraint a failed insert violated: MySQL names the index
 * (`uq_backup_policy__zone_id__name`, or `backup_policy.uq_…` on MySQL 8), SQLite lists the
 * columns (`backup_policy.zone_id, backup_policy.name`). `undefined` when the error is not a
 * uniqueness violation.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const driverError = driverErrorOf(error);
  if (driverError === undefined || typeof driverError.message !== 'string') return undefined;
  const message = driverError.message;
  if (driverError.errno === ER_DUP_ENTRY) {
    return /for key '([^']*)'/.exec(message)?.[1] ?? '';
  }
  const sqlite = /UNIQUE constraint failed: (.*)$/.exec(message);
  return sqlite?.[1]?.trim();
}

/**
 * Whether the database rolled the transaction back to break a deadlock (MySQL `ER_LOCK_DEADLOCK`).
 * Nothing of the transaction is left, so running it again is safe.
 */
export function isDeadlock(error: unknown): boolean {
  return driverErrorOf(error)?.errno === ER_LOCK_DEADLOCK;
}
