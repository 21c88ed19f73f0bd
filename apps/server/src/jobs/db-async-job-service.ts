import { randomUUID } from 'node:crypto';

import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Clock, type Page, type PageRequest } from '@csbr/framework/host';
import { type DataSource, IsNull } from 'typeorm';

import { ApiError } from '../api/errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../api/errors/api-error-codes';
import {
  type AsyncJobOutcome,
  type AsyncJobQuery,
  type AsyncJobRecord,
  type AsyncJobRun,
  type AsyncJobService,
  type AsyncJobSubmission,
} from '../api/ports/async-job-service';
import { type UuidResolver } from '../api/ports/uuid-resolver';
import { AsyncJobEntity } from '../database/entities';
import { applyAccountScope } from '../persistence/account-scope';
import { containsPattern, LIKE_ESCAPE } from '../persistence/like-pattern';
import { entityRows } from '../persistence/query-rows';
import { SystemClock } from '../clock/system-clock';
import { asyncJobRecordOf } from './async-job-record-of';
import { jobCmdInfoOf } from './job-cmd-info';
import {
  INTERRUPTED_JOB_OUTCOME,
  jobStatusOf,
  UNEXPECTED_FAILURE_OUTCOME,
  UNRECORDABLE_OUTCOME,
} from './job-results';
import { selectAsyncJobs } from './select-async-jobs';
import { runInTransaction } from '../persistence/run-in-transaction';

/** A {@link UuidResolver} that can tell which entity types it resolves. */
export interface InstanceResolver extends UuidResolver {
  supports(entityType: string): boolean;
}

/** Tuning of {@link DbAsyncJobService}. */
export interface DbAsyncJobServiceOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** How long shutdown waits for running jobs before the database closes; 30 s by default. */
  readonly shutdownGraceMs?: number;
}

/** CloudStack's dispatcher name for API commands (`async_job.job_dispatcher`). */
const API_JOB_DISPATCHER = 'ApiAsyncJobDispatcher';
const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
/** MySQL refuses OFFSET without LIMIT; this stands for "no limit". */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * CloudStack's async jobs over `async_job`. `submit` records a pending row owned by the caller and
 * stamped with this server's management server id, answers the job's uuid, and runs the work in
 * the background, recording its outcome when it ends.
 *
 * Jobs run in this process only. At start, jobs this server id left pending (the process died or
 * was stopped while they ran) are marked failed, so no job stays pending forever. Pending jobs of
 * other ids are left alone: other instances may still be running them (claiming and heartbeats for
 * several instances are future work).
 */
export class DbAsyncJobService
  implements AsyncJobService, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(DbAsyncJobService.name);
  private readonly clock: Clock;
  private readonly shutdownGraceMs: number;
  /** Jobs of this process not yet recorded as finished, by uuid. */
  private readonly running = new Map<string, Promise<void>>();
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly instances: InstanceResolver,
    /** This instance's management server id (decimal digits). */
    readonly managementServerId: string,
    options: DbAsyncJobServiceOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.shutdownGraceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  }

  async submit(
    submission: AsyncJobSubmission,
    run: AsyncJobRun,
  ): Promise<{ readonly jobId: string }> {
    if (this.draining) {
      throw new ApiError(
        ApiErrorCode.INTERNAL_ERROR,
        'Maintenance or Shutdown has been initiated on this management server. Can not accept new jobs',
        { csErrorCode: CsErrorCode.SERVER_API_EXCEPTION },
      );
    }
    const uuid = randomUUID();
    const now = this.clock.now();
    const instanceId = await this.instanceIdOf(submission);
    await runInTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(AsyncJobEntity)
        .values({
          uuid,
          userId: submission.caller.userId,
          accountId: submission.caller.accountId,
          instanceType: submission.instanceType ?? null,
          instanceId,
          jobCmd: submission.cmd,
          jobCmdInfo: jobCmdInfoOf(submission),
          jobCmdVer: 0,
          jobStatus: 0,
          jobProcessStatus: 0,
          jobResultCode: 0,
          jobResult: null,
          jobInitMsid: this.managementServerId,
          jobExecutingMsid: this.managementServerId,
          jobCompleteMsid: null,
          jobDispatcher: API_JOB_DISPATCHER,
          // A job submitted by the API is its own origin.
          related: uuid,
          created: now,
          lastUpdated: now,
          lastPolled: null,
          removed: null,
        })
        .updateEntity(false)
        .execute(),
    );
    this.start(uuid, run);
    return { jobId: uuid };
  }

  async get(jobUuid: string): Promise<AsyncJobRecord | undefined> {
    const query = selectAsyncJobs(this.dataSource.manager).andWhere('job.uuid = :jobUuid', {
      jobUuid,
    });
    const [row] = await entityRows(query);
    return row === undefined ? undefined : asyncJobRecordOf(row);
  }

  async list(query: AsyncJobQuery, page: PageRequest): Promise<Page<AsyncJobRecord>> {
    const select = selectAsyncJobs(this.dataSource.manager);
    applyAccountScope(select, query.scope, {
      account: 'job.accountId',
      domain: 'account.domainId',
      joinedDomainAlias: 'domain',
    });
    if (query.keyword !== undefined && query.keyword !== '') {
      select.andWhere(`job.jobCmd LIKE :keyword ${LIKE_ESCAPE}`, {
        keyword: containsPattern(query.keyword),
      });
    }
    if (query.startDate !== undefined)
      select.andWhere('job.created >= :startDate', { startDate: query.startDate });
    const total = await select.getCount();
    if (total === 0 || page.offset >= total || page.limit === 0) return { items: [], total };
    const paged = select.clone().orderBy('job.created', 'DESC').addOrderBy('job.id', 'DESC');
    if (page.offset > 0) paged.offset(page.offset);
    if (page.limit !== undefined) paged.limit(page.limit);
    else if (page.offset > 0) paged.limit(NO_LIMIT);
    const rows = await entityRows(paged);
    return { items: rows.map(asyncJobRecordOf), total };
  }

  /** Resolves once the job has run and its outcome is recorded (at once for jobs not running here). */
  async settled(jobUuid: string): Promise<void> {
    await this.running.get(jobUuid);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.failInterruptedJobs().then(() => undefined);
  }

  /**
   * Marks failed (530) the jobs this management server id left pending: nothing runs them any more.
   * Safe only before this instance accepts jobs, which is why it runs at bootstrap.
   *
   * @returns how many jobs were marked.
   */
  async failInterruptedJobs(): Promise<number> {
    const outcome = INTERRUPTED_JOB_OUTCOME;
    const result = await runInTransaction(this.dataSource, (manager) =>
      manager.update(
        AsyncJobEntity,
        { jobStatus: 0, jobExecutingMsid: this.managementServerId, removed: IsNull() },
        this.outcomeColumns(outcome),
      ),
    );
    const count = result.affected ?? 0;
    if (count > 0) {
      this.logger.warn(
        `Marked ${count} async job(s) as failed: they were still running when this management server ` +
          `(id ${this.managementServerId}) stopped`,
      );
    }
    return count;
  }

  /**
   * Stops accepting jobs and waits, at most the shutdown grace, for the running ones to record their
   * outcome. Runs before `onApplicationShutdown`, where TypeORM closes the database. Jobs still
   * running after the grace are failed at the next start.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    if (this.running.size === 0) return;
    const pending = this.running.size;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), this.shutdownGraceMs);
    });
    const allDone = Promise.allSettled([...this.running.values()]).then(() => false as const);
    this.logger.log(`Waiting for ${pending} running async job(s) to finish before shutting down`);
    const gaveUp = await Promise.race([allDone, timedOut]);
    clearTimeout(timer);
    if (gaveUp) {
      this.logger.warn(
        `${this.running.size} async job(s) still running after ${this.shutdownGraceMs} ms; ` +
          'they will be marked failed at the next start',
      );
    }
  }

  /** The internal id of the job's instance when its type has a table and the uuid is found. */
  private async instanceIdOf(submission: AsyncJobSubmission): Promise<string | null> {
    const { instanceType, instanceUuid } = submission;
    if (
      instanceType === undefined ||
      instanceUuid === undefined ||
      !this.instances.supports(instanceType)
    )
      return null;
    return (await this.instances.resolve(instanceType, instanceUuid)) ?? null;
  }

  private start(jobUuid: string, run: AsyncJobRun): void {
    const task = this.runAndRecord(jobUuid, run);
    this.running.set(jobUuid, task);
    // runAndRecord never rejects.
    void task.finally(() => this.running.delete(jobUuid));
  }

  private async runAndRecord(jobUuid: string, run: AsyncJobRun): Promise<void> {
    // The work starts on a later turn of the event loop, never inside the submitting request's.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let outcome: AsyncJobOutcome;
    try {
      outcome = await run({ jobId: jobUuid });
    } catch (error: unknown) {
      // run() never rejects by contract; record a failure rather than leave the job pending.
      this.logger.error(
        `Async job ${jobUuid} failed unexpectedly`,
        error instanceof Error ? error.stack : String(error),
      );
      outcome = UNEXPECTED_FAILURE_OUTCOME;
    }
    await this.record(jobUuid, outcome);
  }

  /** Stores the outcome; when that fails (a result too large, the database away), a failure instead. */
  private async record(jobUuid: string, outcome: AsyncJobOutcome): Promise<void> {
    try {
      await this.writeOutcome(jobUuid, outcome);
      return;
    } catch (error: unknown) {
      this.logger.error(
        `Could not record the outcome of async job ${jobUuid}: ${messageOf(error)}`,
      );
    }
    try {
      await this.writeOutcome(jobUuid, UNRECORDABLE_OUTCOME);
    } catch (error: unknown) {
      this.logger.error(
        `Async job ${jobUuid} stays pending until this server restarts: ${messageOf(error)}`,
      );
    }
  }

  private async writeOutcome(jobUuid: string, outcome: AsyncJobOutcome): Promise<void> {
    // Only a pending job: never overwrite a job another path already finished.
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(AsyncJobEntity, { uuid: jobUuid, jobStatus: 0 }, this.outcomeColumns(outcome)),
    );
  }

  private outcomeColumns(outcome: AsyncJobOutcome): Partial<AsyncJobEntity> {
    return {
      jobStatus: jobStatusOf(outcome),
      jobProcessStatus: 0,
      jobResultCode: outcome.resultCode,
      jobResult: JSON.stringify(outcome.result),
      jobCompleteMsid: this.managementServerId,
      lastUpdated: this.clock.now(),
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
