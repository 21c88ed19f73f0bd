import { type Clock } from '@csbr/framework/host';
import { type DataSource, type EntityManager } from 'typeorm';

import { type AsyncJobOutcome, type RecordedJob } from '../api/ports/async-job-service';
import { AsyncJobEntity } from '../database/entities';
import { runInTransaction } from '../persistence/run-in-transaction';
import { runSingleStatement } from '../persistence/run-single-statement';
import { updateValues } from '../persistence/write-rows';
import { type JobOutcomeListener, type OutcomeWrite } from './job-outcome-listener';
import { jobStatusOf } from './job-results';

/** `job_process_status` holds a percentage; it is written at most this often per job. */
const PROGRESS_WRITE_INTERVAL_MS = 2000;

/**
 * Writes what happens to a job row after it was claimed: progress, and the outcome. Writes only a
 * pending job, so a job that recovery already ended (its instance was counted dead) keeps that
 * outcome.
 */
export class JobOutcomeWriter {
  private readonly lastProgress = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly managementServerId: string,
    private readonly listeners: readonly JobOutcomeListener[] = [],
  ) {}

  /**
   * Records the outcome; false when the job was no longer pending (someone else ended it). With the
   * recorded `job`, listeners write what goes with the outcome in the same transaction; when none
   * has anything to write (no webhook, say), the outcome is one statement without a transaction.
   */
  async finish(jobUuid: string, outcome: AsyncJobOutcome, job?: RecordedJob): Promise<boolean> {
    this.lastProgress.delete(jobUuid);
    const writes = job === undefined ? [] : await this.outcomeWrites(job, outcome);
    const record = async (manager: EntityManager): Promise<boolean> => {
      const affected = await updateValues(
        manager,
        AsyncJobEntity,
        {
          jobStatus: jobStatusOf(outcome),
          jobProcessStatus: 0,
          jobResultCode: outcome.resultCode,
          jobResult: JSON.stringify(outcome.result),
          jobCompleteMsid: this.managementServerId,
          lastUpdated: this.clock.now(),
        },
        'uuid = ? AND job_status = 0',
        [jobUuid],
      );
      return affected > 0;
    };
    if (writes.length === 0) return runSingleStatement(this.dataSource, record);
    return runInTransaction(this.dataSource, async (manager) => {
      const ended = await record(manager);
      // Only the instance that records the outcome writes what goes with it.
      if (ended) for (const write of writes) await write(manager);
      return ended;
    });
  }

  /**
   * What the listeners write with the outcome, read before its transaction. The embedded database
   * has one connection: its reads wait their turn in a transaction of their own.
   */
  private outcomeWrites(job: RecordedJob, outcome: AsyncJobOutcome): Promise<OutcomeWrite[]> {
    const read = async (reader: EntityManager): Promise<OutcomeWrite[]> => {
      const writes: OutcomeWrite[] = [];
      for (const listener of this.listeners) {
        const write = await listener.outcomeWrite?.(reader, job, outcome);
        if (write !== undefined) writes.push(write);
      }
      return writes;
    };
    if (this.listeners.every((listener) => listener.outcomeWrite === undefined)) return Promise.resolve([]);
    if (this.dataSource.options.type === 'sqljs') return runInTransaction(this.dataSource, read);
    return read(this.dataSource.manager);
  }

  /** Records progress (a percentage), throttled; never fails the job. */
  async progress(jobUuid: string, percent: number): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.lastProgress.get(jobUuid);
    if (last !== undefined && now - last < PROGRESS_WRITE_INTERVAL_MS) return;
    this.lastProgress.set(jobUuid, now);
    const value = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)));
    await runSingleStatement(this.dataSource, (manager) =>
      manager.update(
        AsyncJobEntity,
        { uuid: jobUuid, jobStatus: 0 },
        { jobProcessStatus: value, lastUpdated: this.clock.now() },
      ),
    );
  }
}
