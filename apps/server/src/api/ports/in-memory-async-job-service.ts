import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AccountScope, type Clock, type Page, type PageRequest } from '@csbr/framework/host';
import { API_CLOCK } from './api-tokens';
import {
  type AsyncJobQuery,
  type AsyncJobRecord,
  type AsyncJobRun,
  type AsyncJobService,
  type AsyncJobSubmission,
} from './async-job-service';

/**
 * Async jobs in process memory, for tests and the embedded quick start. Jobs run on the next turn of
 * the event loop; `settled(jobId)` lets tests wait for one without sleeping.
 */
@Injectable()
export class InMemoryAsyncJobService implements AsyncJobService {
  private readonly logger = new Logger(InMemoryAsyncJobService.name);
  private readonly jobs = new Map<string, AsyncJobRecord>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(@Inject(API_CLOCK) private readonly clock: Clock) {}

  submit(submission: AsyncJobSubmission, run: AsyncJobRun): Promise<{ readonly jobId: string }> {
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
    this.running.set(jobId, this.runLater(jobId, run));
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

  private async runLater(jobId: string, run: AsyncJobRun): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      const outcome = await run({ jobId });
      this.finish(jobId, outcome.status === 'succeeded' ? 1 : 2, outcome.resultCode, outcome.result);
    } catch (error: unknown) {
      // run() never rejects by contract; record a failure rather than leave the job pending forever.
      this.logger.error(`Async job ${jobId} failed unexpectedly`, error instanceof Error ? error.stack : String(error));
      this.finish(jobId, 2, 530, { errorcode: 530, errortext: 'Internal error executing command, please contact your system administrator' });
    }
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
