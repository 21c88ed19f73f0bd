import { BackupError, isBackupError } from '../../../errors/backup-error';
import { type BackupOperation, type Repositories } from '../../ports';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';

/** Waits between attempts to record an outcome while the database is away; the last one repeats. */
export const DEFAULT_OUTCOME_RETRY_DELAYS_MS: readonly number[] = [200, 500, 1000, 2000, 5000, 10_000, 30_000];

interface RecordOptions {
  /** Called once after the first failed attempt, e.g. to note the provider's answer for recovery. */
  readonly afterFirstFailure?: () => Promise<void>;
  /** Stops retrying (server shutdown): the operation is then left to recovery. */
  readonly signal?: AbortSignal;
}

/**
 * Step 3: records an operation's outcome and releases its VMs in one short transaction. A database
 * failure is retried with backoff until it succeeds or `signal` aborts: the provider already acted,
 * so the outcome must not be forgotten. When this server stops first, the operation row stays and
 * recovery records the outcome. A `BackupError` from `work` is a decision, not an outage, and is not
 * retried.
 */
export async function recordOutcome<T>(
  context: ManagerContext,
  operation: BackupOperation,
  work: (tx: Repositories) => Promise<T>,
  options: RecordOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await context.transactions.run(async (tx) => {
        const result = await work(tx);
        if (!(await tx.operations.end(operation.id))) {
          // Another instance declared this one dead and recovered the operation: its record stands.
          throw new BackupError('OPERATION_FAILED', Messages.operationTakenOver);
        }
        return result;
      });
    } catch (error) {
      if (isBackupError(error)) throw error;
      context.logger.warn('Could not record the outcome of a backup operation; retrying', {
        operation: operation.uuid,
        kind: operation.kind,
        attempt: attempt + 1,
        error: describeError(error),
      });
      if (attempt === 0) await noteQuietly(context, operation, options.afterFirstFailure);
      const delays = context.outcomeRetryDelaysMs;
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      if (!(await sleep(delay, options.signal))) {
        throw new BackupError('OPERATION_FAILED', Messages.outcomeNotRecorded, { cause: error });
      }
    }
  }
}

async function noteQuietly(
  context: ManagerContext,
  operation: BackupOperation,
  note: (() => Promise<void>) | undefined,
): Promise<void> {
  if (note === undefined) return;
  try {
    await note();
  } catch (error) {
    context.logger.warn('Could not note the provider result for recovery', {
      operation: operation.uuid,
      error: describeError(error),
    });
  }
}

/** Resolves true after `ms`, or false at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted === true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
