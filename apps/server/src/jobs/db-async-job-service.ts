import { randomUUID } from 'node:crypto';

import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Clock, type Page, type PageRequest } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { ApiError } from '../api/errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../api/errors/api-error-codes';
import {
  type AsyncJobHandler,
  type AsyncJobQuery,
  type AsyncJobRecord,
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
import { JobClaims } from './job-claims';
import { jobCmdInfoOf } from './job-cmd-info';
import { JobDispatcher } from './job-dispatcher';
import { JobOutcomeWriter } from './job-outcome-writer';
import { type JobOutcomeListener } from './job-outcome-listener';
import { JobRecovery, type WorkRecoverer } from './job-recovery';
import { selectAsyncJobs } from './select-async-jobs';
import { runSingleStatement } from '../persistence/run-single-statement';
import { insertValues } from '../persistence/write-rows';

/** A {@link UuidResolver} that can tell which entity types it resolves. */
export interface InstanceResolver extends UuidResolver {
  supports(entityType: string): boolean;
}

/** Tuning of {@link DbAsyncJobService}. */
export interface DbAsyncJobServiceOptions {
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Jobs this instance runs at once; 16 by default. */
  readonly workers?: number;
  /** How often this instance looks for jobs recorded elsewhere; 1 s by default. */
  readonly pollIntervalMs?: number;
  /** How long shutdown waits for running jobs before cancelling them; 30 s by default. */
  readonly shutdownGraceMs?: number;
  /** Hear about outcomes: metrics, and notifications written with the outcome. */
  readonly outcomeListeners?: readonly JobOutcomeListener[];
}

/** CloudStack's dispatcher name for API commands (`async_job.job_dispatcher`). */
const API_JOB_DISPATCHER = 'ApiAsyncJobDispatcher';
/** MySQL refuses OFFSET without LIMIT; this stands for "no limit". */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** `job_cmd_info` is a `text` column: 65,535 bytes. Room is kept for what `create()` adds. */
export const MAX_JOB_CMD_INFO_BYTES = 65_535 - 512;
/** How often `settled` looks at a job that runs on another instance. */
const SETTLED_POLL_MS = 25;

/**
 * CloudStack's async jobs over `async_job`, as data. `submit` records a pending, unclaimed row
 * owned by the caller and answers the job's uuid; a dispatcher on every server instance claims
 * pending rows atomically (`SELECT … FOR UPDATE SKIP LOCKED`), re-binds the command from the row
 * through the registered handler, runs at most `workers` jobs at once, and records each outcome.
 * Any instance can run any job, and each job runs exactly once.
 *
 * At start, before claiming, it recovers what this instance's previous run left behind; the cluster
 * calls {@link recoverFrom} for instances that died. At shutdown it stops claiming and lets running
 * jobs finish (bounded), then cancels the rest.
 */
export class DbAsyncJobService
  implements AsyncJobService, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(DbAsyncJobService.name);
  private readonly clock: Clock;
  private readonly dispatcher: JobDispatcher;
  private readonly recovery: JobRecovery;
  private draining = false;
  private drained: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly instances: InstanceResolver,
    /** This instance's management server id (decimal digits). */
    readonly managementServerId: string,
    options: DbAsyncJobServiceOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    const claims = new JobClaims(dataSource, this.clock, managementServerId);
    const listeners = options.outcomeListeners ?? [];
    const outcomes = new JobOutcomeWriter(dataSource, this.clock, managementServerId, listeners);
    this.dispatcher = new JobDispatcher(claims, outcomes, {
      workers: options.workers ?? 16,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      shutdownGraceMs: options.shutdownGraceMs ?? 30_000,
    }, listeners);
    this.recovery = new JobRecovery(claims, outcomes);
  }

  assertFits(submission: AsyncJobSubmission): void {
    const bytes = Buffer.byteLength(jobCmdInfoOf(submission), 'utf8');
    if (bytes > MAX_JOB_CMD_INFO_BYTES) {
      throw new ApiError(
        ApiErrorCode.PARAM_ERROR,
        `The request's parameters take ${bytes} bytes, more than the ${MAX_JOB_CMD_INFO_BYTES} bytes an ` +
          'async job can record; send fewer or shorter parameters',
        { csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION },
      );
    }
  }

  async submit(submission: AsyncJobSubmission): Promise<{ readonly jobId: string }> {
    if (this.draining) {
      throw new ApiError(
        ApiErrorCode.INTERNAL_ERROR,
        'Maintenance or Shutdown has been initiated on this management server. Can not accept new jobs',
        { csErrorCode: CsErrorCode.SERVER_API_EXCEPTION },
      );
    }
    this.assertFits(submission);
    const uuid = randomUUID();
    const now = this.clock.now();
    const instanceId = await this.instanceIdOf(submission);
    await runSingleStatement(this.dataSource, (manager) =>
      insertValues(manager, AsyncJobEntity, {
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
        // Unclaimed: the first instance with a free worker claims it (most often this one, woken below).
        jobExecutingMsid: null,
        jobCompleteMsid: null,
        jobDispatcher: API_JOB_DISPATCHER,
        // A job submitted by the API is its own origin.
        related: uuid,
        created: now,
        lastUpdated: now,
        lastPolled: null,
        removed: null,
      }),
    );
    this.dispatcher.wake();
    return { jobId: uuid };
  }

  serve(handler: AsyncJobHandler): void {
    this.dispatcher.serve(handler);
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

  /**
   * Resolves once the job has finished and its outcome is recorded, wherever it runs (tests and
   * tools wait with it instead of sleeping). Resolves at once for unknown jobs.
   */
  async settled(jobUuid: string): Promise<void> {
    for (;;) {
      await this.dispatcher.settled(jobUuid);
      const job = await this.get(jobUuid);
      if (job === undefined || job.status !== 0) return;
      await new Promise((resolve) => setTimeout(resolve, SETTLED_POLL_MS));
    }
  }

  /** Adds what recovery asks before it fails a dead instance's jobs (the backup operations). */
  registerRecoverer(recoverer: WorkRecoverer): void {
    this.recovery.register(recoverer);
  }

  /**
   * Ends the jobs a dead instance (or this instance's previous run) left running; see
   * {@link JobRecovery}. @returns how many jobs were ended.
   */
  recoverFrom(deadMsid: string): Promise<number> {
    return this.recovery.recover(deadMsid);
  }

  /** Recovers this instance's previous run, then starts claiming jobs. */
  async onApplicationBootstrap(): Promise<void> {
    await this.recoverFrom(this.managementServerId);
    this.dispatcher.start();
  }

  /**
   * Stops accepting and claiming jobs, and waits, at most the shutdown grace, for the running ones;
   * then cancels them. Runs before `onApplicationShutdown`, where TypeORM closes the database.
   * Calling it again waits for the same drain.
   */
  beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    // The cluster asks first (it leaves mshost after the jobs drained); Nest asks again.
    this.drained ??= this.dispatcher.stop();
    return this.drained;
  }

  /** The internal id of the job's instance when its type has a table and the uuid is found. */
  private async instanceIdOf(submission: AsyncJobSubmission): Promise<string | null> {
    const { instanceType, instanceUuid } = submission;
    if (submission.instanceId !== undefined && instanceType !== undefined) return submission.instanceId;
    if (
      instanceType === undefined ||
      instanceUuid === undefined ||
      !this.instances.supports(instanceType)
    )
      return null;
    return (await this.instances.resolve(instanceType, instanceUuid)) ?? null;
  }
}
