import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AccountScope, type Clock, type Page, type PageRequest } from '@csbr/framework/host';
import { API_CLOCK } from './api-tokens';
import {
  type AsyncJobHandler,
  type AsyncJobQuery,
  type AsyncJobRecord,
  type AsyncJobService,
  type AsyncJobSubmission,
  type RecordedJob,
} from './async-job-service';

/**
 * Async jobs in process memory, for the API layer's own tests. Jobs run through the registered
 * handler on the next turn of the event loop; `settled(jobId)` lets tests wait for one without
 * sleeping.
 */
@Injectable()
export class InMemoryAsyncJobService implements AsyncJobService {
  private readonly logger = new Logger(InMemoryAsyncJobService.name);
  private readonly jobs = new Map<string, AsyncJobRecord>();
  private readonly running = new Map<string, Promise<void>>();
  private handler: AsyncJobHandler | undefined;

  constructor(@Inject(API_CLOCK) private readonly clock: Clock) {}

  assertFits(): void {
    // Memory has no column to overflow.
  }

  serve(handler: AsyncJobHandler): void {
    this.handler = handler;
  }

  submit(submission: AsyncJobSubmission): Promise<{ readonly jobId: string }> {
    const jobId = randomUUID();
    const { caller } = submission;
    this.jobs.set(jobId, {
      uuid: jobId,
      accountId: caller.accountId,
      domainId: caller.domainId,
      domainPath: caller.domainPath,
      accountUuid: caller.accountId,
      accountName: caller.accountName,
      domainUuid: caller.domainId,
      userUuid: caller.userId,
      cmd: submission.cmd,
      status: 0,
      processStatus: 0,
      resultCode: 0,
      instanceType: submission.instanceType,
      instanceUuid: submission.instanceUuid,
      created: this.clock.now(),
    });
    const recorded: RecordedJob = {
      jobId,
      command: submission.command,
      params: submission.params,
      userId: caller.userId,
      ...(submission.created === undefined ? {} : { created: submission.created }),
    };
    this.running.set(jobId, this.runLater(recorded));
    return Promise.resolve({ jobId });
  }

  get(jobUuid: string): Promise<AsyncJobRecord | undefined> {
    return Promise.resolve(this.jobs.get(jobUuid));
  }

  list(query: AsyncJobQuery, page: PageRequest): Promise<Page<AsyncJobRecord>> {
    const matching = [...this.jobs.values()]
      .filter((job) => inScope(job, query.scope))
      .filter((job) => query.keyword === undefined || job.cmd.includes(query.keyword))
      .filter((job) => query.startDate === undefined || job.created >= query.startDate)
      .reverse();
    const end = page.limit === undefined ? undefined : page.offset + page.limit;
    return Promise.resolve({ items: matching.slice(page.offset, end), total: matching.length });
  }

  /** Resolves when the job has finished (at once for unknown or finished jobs). */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId);
  }

  private async runLater(job: RecordedJob): Promise<void> {
    const { jobId } = job;
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (this.handler === undefined) throw new Error('No async job handler is registered');
      const outcome = await this.handler.run(job, {
        signal: new AbortController().signal,
        progress: { report: (percent) => this.progress(jobId, percent) },
      });
      this.finish(jobId, outcome.status === 'succeeded' ? 1 : 2, outcome.resultCode, outcome.result);
    } catch (error: unknown) {
      // run() never rejects by contract; record a failure rather than leave the job pending forever.
      this.logger.error(`Async job ${jobId} failed unexpectedly`, error instanceof Error ? error.stack : String(error));
      this.finish(jobId, 2, 530, { errorcode: 530, errortext: 'Internal error executing command, please contact your system administrator' });
    }
  }

  private progress(jobId: string, percent: number): void {
    const job = this.jobs.get(jobId);
    if (job !== undefined && job.status === 0) this.jobs.set(jobId, { ...job, processStatus: Math.round(percent) });
  }

  private finish(jobId: string, status: 1 | 2, resultCode: number, result: AsyncJobRecord['result']): void {
    const job = this.jobs.get(jobId);
    if (job !== undefined) {
      this.jobs.set(jobId, { ...job, status, resultCode, result, completed: this.clock.now() });
    }
  }
}

function inScope(job: AsyncJobRecord, scope: AccountScope): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'account':
      return job.accountId === scope.accountId;
    case 'domain':
      return scope.recursive ? job.domainPath.startsWith(scope.domainPath) : job.domainId === scope.domainId;
  }
}
