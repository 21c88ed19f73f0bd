import { type ProviderLogger } from '../../contract/provider-context';
import { BackupError, isBackupError } from '../../errors/backup-error';

/**
 * Runs `work`; a `BackupError` passes through unchanged (its message is meant for clients), any
 * other error becomes `OPERATION_FAILED` with CloudStack's generic `failureMessage` and the original
 * as `cause`, so vendor or driver internals never reach API clients.
 */
export async function guardFailures<T>(
  logger: ProviderLogger,
  operation: string,
  failureMessage: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBackupError(error)) throw error;
    logger.error('Backup operation failed unexpectedly', {
      operation,
      error: describeError(error),
    });
    throw new BackupError('OPERATION_FAILED', failureMessage, { cause: error });
  }
}

/** A short, log-safe description of a thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
