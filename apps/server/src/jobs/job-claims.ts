import { type Clock } from '@csbr/framework/host';
import { type DataSource, type EntityManager, In } from 'typeorm';

import { AsyncJobEntity } from '../database/entities';
import { runInTransaction } from '../persistence/run-in-transaction';

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

  /** Up to `limit` unclaimed pending jobs, oldest first, now executing on this instance. */
  claim(limit: number): Promise<AsyncJobEntity[]> {
    if (limit <= 0) return Promise.resolve([]);
    return runInTransaction(this.dataSource, async (manager) => {
      const ids = await this.lockUnclaimed(manager, limit);
      if (ids.length === 0) return [];
      await manager.update(
        AsyncJobEntity,
        { id: In(ids) },
        { jobExecutingMsid: this.managementServerId, lastUpdated: this.clock.now() },
      );
      return manager.find(AsyncJobEntity, { where: { id: In(ids) }, order: { id: 'ASC' } });
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

  private async lockUnclaimed(manager: EntityManager, limit: number): Promise<string[]> {
    const skipLocked = this.dataSource.options.type === 'sqljs' ? '' : ' FOR UPDATE SKIP LOCKED';
    const rows: { id: string | number }[] = await manager.query(
      'SELECT id FROM async_job WHERE job_status = 0 AND job_executing_msid IS NULL AND removed IS NULL ' +
        `ORDER BY id LIMIT ${Math.floor(limit)}${skipLocked}`,
    );
    return rows.map((row) => String(row.id));
  }
}
