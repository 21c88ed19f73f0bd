import { type Clock } from '@csbr/framework/host';
import { type DataSource, type EntityManager, In } from 'typeorm';

import { AsyncJobEntity } from '../database/entities';
import { EntitySql } from '../persistence/entity-sql';
import { runInTransaction } from '../persistence/run-in-transaction';
import { updateValues } from '../persistence/write-rows';

/**
 * Claims pending jobs for this instance, atomically: each job is claimed by exactly one instance.
 * On MySQL/MariaDB, `SELECT … FOR UPDATE SKIP LOCKED` lets several instances claim at once without
 * waiting on each other's rows; the embedded database has one connection and runs one transaction
 * at a time, so a plain select is enough there.
 */
export class JobClaims {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly managementServerId: string,
  ) {}

  /**
   * Up to `limit` unclaimed pending jobs, oldest first, now executing on this instance. Three
   * statements and the transaction's two: the locked rows are read whole, so they are not read
   * again after the update.
   */
  claim(limit: number): Promise<AsyncJobEntity[]> {
    if (limit <= 0) return Promise.resolve([]);
    return runInTransaction(this.dataSource, async (manager) => {
      const jobs = await this.lockUnclaimed(manager, limit);
      if (jobs.length === 0) return [];
      const now = this.clock.now();
      await updateValues(
        manager,
        AsyncJobEntity,
        { jobExecutingMsid: this.managementServerId, lastUpdated: now },
        `id IN (${jobs.map(() => '?').join(', ')})`,
        jobs.map((job) => job.id),
      );
      for (const job of jobs) {
        job.jobExecutingMsid = this.managementServerId;
        job.lastUpdated = now;
      }
      return jobs;
    });
  }

  /**
   * Moves the pending jobs `deadMsid` was executing to this instance (compare-and-set, so one
   * instance gets each) and returns them.
   */
  takeOver(deadMsid: string): Promise<AsyncJobEntity[]> {
    return runInTransaction(this.dataSource, async (manager) => {
      const pending = await manager.find(AsyncJobEntity, {
        select: { id: true },
        where: { jobStatus: 0, jobExecutingMsid: deadMsid },
      });
      if (pending.length === 0) return [];
      const ids = pending.map((job) => job.id);
      await manager.update(
        AsyncJobEntity,
        { id: In(ids), jobStatus: 0, jobExecutingMsid: deadMsid },
        { jobExecutingMsid: this.managementServerId, lastUpdated: this.clock.now() },
      );
      return manager.find(AsyncJobEntity, {
        where: { id: In(ids), jobStatus: 0, jobExecutingMsid: this.managementServerId },
        order: { id: 'ASC' },
      });
    });
  }

  /** One hand-written statement, as every claim sends it. */
  private async lockUnclaimed(manager: EntityManager, limit: number): Promise<AsyncJobEntity[]> {
    const job = EntitySql.of(manager, AsyncJobEntity, 'job');
    const lock = this.dataSource.options.type === 'sqljs' ? '' : ' FOR UPDATE SKIP LOCKED';
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${job.select} FROM ${job.table} job ` +
        `WHERE job.job_status = 0 AND job.job_executing_msid IS NULL AND job.removed IS NULL ORDER BY job.id ASC LIMIT ?${lock}`,
      [Math.floor(limit)],
    );
    return rows.map((row) => job.entityOf(row));
  }
}
