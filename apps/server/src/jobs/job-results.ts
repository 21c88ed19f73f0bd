import { GENERIC_INTERNAL_ERROR_MESSAGE } from '../api/errors/api-error-codes';
import { type AsyncJobOutcome } from '../api/ports/async-job-service';
import { type WireObject } from '../api/serialization/wire-value';

/** CloudStack's `ApiErrorCode.INTERNAL_ERROR`, the result code of jobs that failed on the server's side. */
export const INTERNAL_ERROR_CODE = 530;

function failure(errorText: string): AsyncJobOutcome {
  return {
    status: 'failed',
    resultCode: INTERNAL_ERROR_CODE,
    result: { errorcode: INTERNAL_ERROR_CODE, errortext: errorText },
  };
}

/**
 * Jobs whose server instance stopped (or died) while running them, with nothing recorded that tells
 * how far they got: nothing runs them any more, and they are never run twice.
 */
export const INTERRUPTED_JOB_OUTCOME = failure(
  'Job was interrupted: the management server running it stopped before it finished. ' +
    'Check the state of the resource before retrying',
);

/** A job row this server cannot run: not written by it, or its parameters are unreadable. */
export const UNREADABLE_JOB_OUTCOME = failure(
  'This job cannot be run: its recorded command or parameters are missing or unreadable',
);

/** A job whose `run` rejected, which it must never do. */
export const UNEXPECTED_FAILURE_OUTCOME = failure(GENERIC_INTERNAL_ERROR_MESSAGE);

/** A job that finished but whose outcome could not be stored (too large, or the database failed). */
export const UNRECORDABLE_OUTCOME = failure(
  'The job finished but its result could not be recorded; check the state of the resource',
);

/** `job_status` of an outcome: 1 succeeded, 2 failed. */
export function jobStatusOf(outcome: AsyncJobOutcome): 1 | 2 {
  return outcome.status === 'succeeded' ? 1 : 2;
}

/** The stored `job_result` as the wire object it was, or undefined when it is not a JSON object. */
export function parseJobResult(stored: string | null): WireObject | undefined {
  if (stored === null || stored === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as WireObject) : undefined;
}
