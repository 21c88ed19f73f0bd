import { type EntityManager } from 'typeorm';

import { type AsyncJobOutcome, type RecordedJob } from '../api/ports/async-job-service';

/** A job as it ended, for metrics. */
export interface FinishedJob {
  readonly command: string;
  readonly status: AsyncJobOutcome['status'];
  readonly durationMs: number;
}

/** Rows a listener writes with an outcome, in the transaction that records it; never calls out. */
export type OutcomeWrite = (manager: EntityManager) => Promise<void>;

/**
 * Hears about job outcomes. `outcomeWrite` reads what it needs before the outcome is recorded
 * (with `reader`, outside any transaction) and answers the rows it writes with the outcome, or
 * nothing: those rows (e.g. a notification in the outbox) are written in the transaction that
 * records the outcome, so they commit or roll back with it, and only when the outcome is recorded.
 * An outcome nobody writes anything with is recorded in one statement, without a transaction.
 * `onFinished` runs after, on the instance that ran the job.
 */
export interface JobOutcomeListener {
  outcomeWrite?(reader: EntityManager, job: RecordedJob, outcome: AsyncJobOutcome): Promise<OutcomeWrite | undefined>;
  onFinished?(job: FinishedJob): void;
}

/** Nest token: the listeners every job outcome goes to (optional; none in module tests). */
export const JOB_OUTCOME_LISTENERS = Symbol('JOB_OUTCOME_LISTENERS');
