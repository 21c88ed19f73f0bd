import { Logger } from '@nestjs/common';
import { BackupError } from '@csbr/framework';

import { type AsyncJobHandler, type AsyncJobOutcome, type RecordedJob } from '../api/ports/async-job-service';
import { type AsyncJobEntity } from '../database/entities';
import { type JobClaims } from './job-claims';
import { type JobOutcomeListener } from './job-outcome-listener';
import { type JobOutcomeWriter } from './job-outcome-writer';
import {
  UNEXPECTED_FAILURE_OUTCOME,
  UNRECORDABLE_OUTCOME,
  UNREADABLE_JOB_OUTCOME,
} from './job-results';
import { recordedJobOf } from './recorded-job-of';
import { runWithLogFields } from '../logging/log-context';
import { withConfigurationSnapshot } from '../configuration/configuration-snapshot';

/** How the dispatcher runs. */
export interface JobDispatcherOptions {
  /** Jobs run at once on this instance. */
  readonly workers: number;
  /** How often it looks for jobs nobody claimed (submitted on other instances, or left over). */
  readonly pollIntervalMs: number;
  /** How long `stop()` waits for running jobs before it cancels them. */
  readonly shutdownGraceMs: number;
}

/** Waits between attempts to record an outcome while the database is away; the last repeats. */
const OUTCOME_RETRY_DELAYS_MS = [200, 500, 1000, 2000, 5000, 10_000];
const SHUTDOWN_CANCEL_MESSAGE =
  'The management server is shutting down; the operation was cancelled before it finished';
/** How long cancelled jobs get to record their outcome at shutdown. */
const CANCEL_GRACE_MS = 5000;

interface RunningJob {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * Claims recorded jobs and runs them, at most `workers` at a time, so a burst of submissions queues
 * in the table instead of exhausting the connection pool. It claims at once when a job is submitted
 * here (`wake`) or finishes, and every poll interval for jobs recorded elsewhere.
 */
export class JobDispatcher {
  private readonly logger = new Logger('AsyncJobDispatcher');
  private readonly running = new Map<string, RunningJob>();
  private handler: AsyncJobHandler | undefined;
  private started = false;
  private stopping = false;
  private claiming: Promise<void> | undefined;
  private claimAgain = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly claims: JobClaims,
    private readonly outcomes: JobOutcomeWriter,
    private readonly options: JobDispatcherOptions,
    private readonly listeners: readonly JobOutcomeListener[] = [],
  ) {}

  serve(handler: AsyncJobHandler): void {
    this.handler = handler;
    this.wake();
  }

  /** Starts claiming (after recovery, at bootstrap). */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for jobs to run now, if a worker is free. */
  wake(): void {
    if (!this.started || this.stopping || this.handler === undefined) return;
    if (this.claiming !== undefined) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimFreeSlots().finally(() => {
      this.claiming = undefined;
      if (this.claimAgain) {
        this.claimAgain = false;
        this.wake();
      }
    });
  }

  /** Whether the job runs on this instance now. */
  isRunning(jobUuid: string): boolean {
    return this.running.has(jobUuid);
  }

  /** Resolves when the job, if it runs here, has finished and recorded its outcome. */
  async settled(jobUuid: string): Promise<void> {
    await this.running.get(jobUuid)?.done;
  }

  /**
   * Stops claiming, waits up to the grace for running jobs, then cancels the rest (their providers
   * see the abort) and gives them a moment to record that. Jobs still running after that are left
   * to recovery.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.claiming;
    if (this.running.size === 0) return;
    this.logger.log(`Waiting for ${this.running.size} running async job(s) to finish before shutting down`);
    if (await this.allDoneWithin(this.options.shutdownGraceMs)) return;
    this.logger.warn(
      `${this.running.size} async job(s) still running after ${this.options.shutdownGraceMs} ms; cancelling them`,
    );
    const reason = new BackupError('OPERATION_FAILED', SHUTDOWN_CANCEL_MESSAGE);
    for (const job of this.running.values()) job.controller.abort(reason);
    if (!(await this.allDoneWithin(CANCEL_GRACE_MS))) {
      this.logger.warn(
        `${this.running.size} async job(s) did not stop; another instance or the next start recovers them`,
      );
    }
  }

  private async claimFreeSlots(): Promise<void> {
    const free = this.options.workers - this.running.size;
    if (free <= 0) return;
    let claimed: AsyncJobEntity[];
    try {
      claimed = await this.claims.claim(free);
    } catch (error) {
      this.logger.warn(`Could not claim async jobs: ${messageOf(error)}`);
      return;
    }
    for (const entity of claimed) this.launch(entity);
    // A full batch means more may be waiting.
    if (claimed.length === free) this.claimAgain = true;
  }

  private launch(entity: AsyncJobEntity): void {
    const jobUuid = entity.uuid ?? entity.id;
    const controller = new AbortController();
    // Every line the job writes, in any module, carries its uuid and command.
    const recorded = recordedJobOf(entity);
    const zone = recorded?.params.zoneid;
    const fields = { job: jobUuid, command: recorded?.command ?? entity.jobCmd, ...(zone === undefined ? {} : { zone }) };
    const done = runWithLogFields(fields, () => this.runAndRecord(entity, controller.signal)).finally(() => {
      this.running.delete(jobUuid);
      this.wake();
    });
    this.running.set(jobUuid, { controller, done });
  }

  private async runAndRecord(entity: AsyncJobEntity, signal: AbortSignal): Promise<void> {
    const job = recordedJobOf(entity);
    const jobUuid = entity.uuid ?? entity.id;
    let outcome: AsyncJobOutcome;
    const started = Date.now();
    if (job === undefined || this.handler === undefined) {
      outcome = UNREADABLE_JOB_OUTCOME;
    } else {
      try {
        const handler = this.handler;
        // The job reads each zone's configuration once (one statement), and sees one configuration.
        outcome = await withConfigurationSnapshot(() => handler.run(job, {
          signal,
          progress: {
            report: (percent) => {
              this.outcomes.progress(jobUuid, percent).catch(() => undefined);
            },
          },
        }));
      } catch (error) {
        // run() never rejects by contract; record a failure rather than leave the job pending.
        this.logger.error(`Async job ${jobUuid} failed unexpectedly: ${messageOf(error)}`);
        outcome = UNEXPECTED_FAILURE_OUTCOME;
      }
    }
    const durationMs = Date.now() - started;
    this.logger.log({ result: outcome.status, durationMs }, `Async job ${outcome.status}`);
    await this.record(jobUuid, outcome, job);
    const command = job?.command ?? 'unknown';
    for (const listener of this.listeners) {
      try {
        listener.onFinished?.({ command, status: outcome.status, durationMs });
      } catch {
        // Metrics never fail a job.
      }
    }
  }

  /**
   * Records the outcome, retrying while the database is away; a result the row cannot hold is
   * recorded as a failure. Gives up at shutdown: recovery then ends the job.
   */
  private async record(jobUuid: string, outcome: AsyncJobOutcome, job?: RecordedJob): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (!(await this.outcomes.finish(jobUuid, outcome, job))) {
          this.logger.warn(`Async job ${jobUuid} had already been ended elsewhere; its outcome stands`);
        }
        return;
      } catch (error) {
        if (isTooLong(error) && outcome !== UNRECORDABLE_OUTCOME) {
          this.logger.error(`The result of async job ${jobUuid} is too large to record`);
          outcome = UNRECORDABLE_OUTCOME;
          continue;
        }
        this.logger.warn(`Could not record the outcome of async job ${jobUuid}: ${messageOf(error)}`);
        if (this.stopping && attempt >= 2) return;
        const delay = OUTCOME_RETRY_DELAYS_MS[Math.min(attempt, OUTCOME_RETRY_DELAYS_MS.length - 1)] ?? 1000;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async allDoneWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const allDone = Promise.allSettled([...this.running.values()].map((job) => job.done)).then(() => true);
    const done = await Promise.race([allDone, timedOut]);
    clearTimeout(timer);
    return done;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** MySQL's `ER_DATA_TOO_LONG` (the result overflows `job_result`). */
function isTooLong(error: unknown): boolean {
  const driver = (error as { driverError?: { errno?: unknown } } | undefined)?.driverError;
  return driver?.errno === 1406;
}
