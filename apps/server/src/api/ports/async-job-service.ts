import { type ProgressReporter } from '@csbr/framework';
import { type AccountScope, type Caller, type Page, type PageRequest } from '@csbr/framework/host';
import { type CreatedEntity } from '../command-definition';
import { type WireObject } from '../serialization/wire-value';

/**
 * What to record when an async command is submitted (CloudStack's `async_job` row). A job is data,
 * never a closure: whichever server instance claims it runs it from what is recorded here.
 */
export interface AsyncJobSubmission {
  /** The API name, e.g. `createBackup`. */
  readonly command: string;
  /** The Java class name shown as `cmd`, e.g. `org.apache.cloudstack.api.command.user.backup.CreateBackupCmd`. */
  readonly cmd: string;
  /** The request's parameters as received (for `job_cmd_info`); never contains `signature` or `password`. */
  readonly params: Readonly<Record<string, string>>;
  readonly caller: Caller;
  /** `jobinstancetype`, e.g. `VirtualMachine`, `Backup`. */
  readonly instanceType?: string;
  /** `jobinstanceid`: the instance's uuid. */
  readonly instanceUuid?: string;
  /**
   * The instance's internal id when the request already resolved it (a bound uuid parameter of
   * the instance's type), so the submit does not look the uuid up again.
   */
  readonly instanceId?: string;
  /** What `create()` made, for create-style commands (the job handler gets it back). */
  readonly created?: CreatedEntity;
}

/** A job as its row recorded it, for the instance that claimed it. */
export interface RecordedJob {
  readonly jobId: string;
  /** The API name. */
  readonly command: string;
  /** The request's parameters, as submitted (secrets dropped). */
  readonly params: Readonly<Record<string, string>>;
  /** Internal id of the user who submitted it; the handler acts as that user. */
  readonly userId: string;
  readonly created?: CreatedEntity;
}

/** What the running instance gives a job: cancellation and a place for progress. */
export interface AsyncJobControls {
  /** Aborted when the server shuts down before the job finished. */
  readonly signal: AbortSignal;
  /** Feeds `jobprocstatus`. */
  readonly progress: ProgressReporter;
}

/** Runs a recorded job: the API layer re-binds the command from the row. */
export interface AsyncJobHandler {
  /** Never rejects: failures come back as a `failed` outcome. */
  run(job: RecordedJob, controls: AsyncJobControls): Promise<AsyncJobOutcome>;
}

/**
 * How a job ended, already rendered: `result` is the `jobresult` value (`{"backup":{…}}`,
 * `{"success":true}`, or `{"errorcode":530,"errortext":"…"}`), ready to be stored as JSON in
 * `async_job.job_result`. `resultCode` is 0 on success, the error code on failure.
 */
export interface AsyncJobOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly resultCode: number;
  readonly result: WireObject;
}

/** Job status codes: 0 pending, 1 succeeded, 2 failed, 3 cancelled. */
export type AsyncJobStatus = 0 | 1 | 2 | 3;

/** One job as `queryAsyncJobResult` and `listAsyncJobs` show it. */
export interface AsyncJobRecord {
  readonly uuid: string;
  /** Internal ids and domain path of the owner, for access checks; never rendered. */
  readonly accountId: string;
  readonly domainId: string;
  readonly domainPath: string;
  readonly accountUuid: string;
  readonly accountName?: string;
  readonly domainUuid: string;
  readonly userUuid: string;
  readonly cmd: string;
  readonly status: AsyncJobStatus;
  /** `jobprocstatus`, normally 0. */
  readonly processStatus: number;
  /** 0 while pending and on success; the error code on failure. */
  readonly resultCode: number;
  /** Set once the job is finished. */
  readonly result?: WireObject;
  readonly instanceType?: string;
  readonly instanceUuid?: string;
  readonly created: Date;
  readonly completed?: Date;
}

/** Filters of `listAsyncJobs`. */
export interface AsyncJobQuery {
  readonly scope: AccountScope;
  /** Matches the command class name. */
  readonly keyword?: string;
  /** Jobs created at or after this instant. */
  readonly startDate?: Date;
}

/** CloudStack's async jobs, implemented by the server over `async_job`. */
export interface AsyncJobService {
  /**
   * Throws a 431 `ApiError` when the submission's recorded parameters would not fit the job row.
   * Called before anything is written (before a create-style command's `create()`), so that a
   * refused request changes nothing.
   */
  assertFits(submission: AsyncJobSubmission): void;
  /**
   * Records a pending job and returns its uuid at once. Some server instance (most likely this one)
   * claims it, runs it through the registered handler, and records its outcome (status 1 or 2,
   * result code, result, completion time).
   */
  submit(submission: AsyncJobSubmission): Promise<{ readonly jobId: string }>;
  /** Registers the handler that runs claimed jobs; jobs are only claimed once one is registered. */
  serve(handler: AsyncJobHandler): void;
  /** The job with this uuid, or undefined. */
  get(jobUuid: string): Promise<AsyncJobRecord | undefined>;
  /** Jobs in scope, newest first. */
  list(query: AsyncJobQuery, page: PageRequest): Promise<Page<AsyncJobRecord>>;
}
