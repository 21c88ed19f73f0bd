import { type BackupErrorCode } from './error-codes';

/** Brand that survives several copies of the framework in one process (never use instanceof). */
const BACKUP_ERROR_BRAND = Symbol.for('@csbr/BackupError');

/** @public */
export interface BackupErrorOptions {
  /** Whether retrying the same call later may succeed. Defaults to false. */
  readonly retryable?: boolean;
  /** Log-safe structured details (never secrets or raw vendor bodies). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** The underlying error, e.g. the vendor's. */
  readonly cause?: unknown;
}

/**
 * The one error type of the framework. Its `message` is what API clients see, so it must be
 * CloudStack's wording where CloudStack has one, and must never carry secrets.
 *
 * @example
 * ```ts
 * throw new BackupError('NOT_SUPPORTED', 'Dummy plugin does not support this feature');
 * ```
 * @public
 * @since 1.0.0
 */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [BACKUP_ERROR_BRAND] = true;

  constructor(code: BackupErrorCode, message: string, options: BackupErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackupError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }
}

/**
 * Whether `value` is a {@link BackupError}, from any copy of the framework.
 * @public
 * @since 1.0.0
 */
export function isBackupError(value: unknown): value is BackupError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BACKUP_ERROR_BRAND] === true
  );
}
