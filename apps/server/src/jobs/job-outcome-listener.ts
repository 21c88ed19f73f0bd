import { type EntityManager } from 'typeorm';

import { type AsyncJobOutcome, type RecordedJob } from '../api/ports/async-job-service';

/** A job as it ended, for metrics. */
export interface FinishedJob {
  readonly command: string;
  readonly status: AsyncJobOutcome['status'];
  readonly durationMs: number;
}

/**
 * Hears about job outcomes. `inOutcomeTransaction` runs inside the transaction that records the
 * outcome (so what it writes, e.g. a notification in the outbox, commits or rolls back with it);
 * it must only write rows, never call out. `onFinished` runs after, on the instance that ran the job.
 */
export interface JobOutcomeListener {
  inOutcomeTransaction?(manager: EntityManager, job: RecordedJob, outcome: AsyncJobOutcome): Promise<void>;
  onFinished?(job: FinishedJob): void;
}

/** Nest token: the listeners every job outcome goes to (optional; none in module tests). */
export const JOB_OUTCOME_LISTENERS = Symbol('JOB_OUTCOME_LISTENERS');
