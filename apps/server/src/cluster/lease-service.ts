import { Logger } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { OpLeaseEntity } from '../database/entities';
import { violatedUniqueConstraint } from '../persistence/database-errors';
import { runInTransaction } from '../persistence/run-in-transaction';

/** Well-known leases. */
export const LeaseNames = {
  /** The background sync (spec §7.1). */
  sync: 'backup.sync',
  /** The backup scheduler. */
  scheduler: 'backup.scheduler',
} as const;

/**
 * Leases on `op_lease`: a piece of work (the sync, the scheduler) runs on the one instance holding
 * its lease. Every heartbeat the holder renews it until now + the heartbeat timeout, and the other
 * instances try to take it, which works only once it expired (compare-and-set). So when the holder
 * dies, another instance leads within the heartbeat timeout plus one heartbeat. No connection or
 * lock is held between heartbeats.
 */
export class LeaseService {
  private readonly logger = new Logger('Leases');
  private readonly held = new Set<string>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly managementServerId: string,
    private readonly ttlMs: number,
  ) {}

  /** Asks for a lease: this instance competes for it from the next heartbeat on. */
  want(name: string): void {
    this.wanted.add(name);
  }

  /** Whether this instance held the lease at its last heartbeat (cheap, no query). */
  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Whether this instance still holds the lease now, read from the database (for long work). */
  async stillHolds(name: string): Promise<boolean> {
    const lease = await this.dataSource.manager.findOneBy(OpLeaseEntity, { name });
    const holds =
      lease?.holderMsid === this.managementServerId &&
      lease.expires !== null &&
      lease.expires.getTime() > this.clock.now().getTime();
    if (!holds) this.held.delete(name);
    return holds;
  }

  /** Renews or tries to take every wanted lease; runs on each heartbeat. */
  async renewAll(): Promise<void> {
    for (const name of this.wanted) {
      try {
        const holds = await this.renewOrTake(name);
        if (holds && !this.held.has(name)) this.logger.log(`This instance now leads ${name}`);
        if (!holds && this.held.has(name)) this.logger.warn(`This instance no longer leads ${name}`);
        if (holds) this.held.add(name);
        else this.held.delete(name);
      } catch (error) {
        this.held.delete(name);
        this.logger.warn(`Could not renew the lease ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Gives every held lease up, so another instance takes over at its next heartbeat. */
  async releaseAll(): Promise<void> {
    const names = [...this.held];
    this.held.clear();
    for (const name of names) {
      await runInTransaction(this.dataSource, (manager) =>
        manager.update(OpLeaseEntity, { name, holderMsid: this.managementServerId }, { holderMsid: null, expires: null }),
      ).catch(() => undefined);
    }
  }

  /** Who holds each lease now (expired ones included, for listManagementServers). */
  async list(): Promise<readonly OpLeaseEntity[]> {
    return this.dataSource.manager.find(OpLeaseEntity, { order: { name: 'ASC' } });
  }

  private async renewOrTake(name: string): Promise<boolean> {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.ttlMs);
    return runInTransaction(this.dataSource, async (manager) => {
      const renewed = await manager.update(OpLeaseEntity, { name, holderMsid: this.managementServerId }, { expires });
      if ((renewed.affected ?? 0) > 0) return true;
      const taken = await manager
        .createQueryBuilder()
        .update(OpLeaseEntity)
        .set({ holderMsid: this.managementServerId, acquired: now, expires })
        .where('name = :name', { name })
        .andWhere('(holder_msid IS NULL OR expires IS NULL OR expires < :now)', { now })
        .execute();
      if ((taken.affected ?? 0) > 0) return true;
      if ((await manager.countBy(OpLeaseEntity, { name })) > 0) return false;
      try {
        await manager.insert(OpLeaseEntity, { name, holderMsid: this.managementServerId, acquired: now, expires });
        return true;
      } catch (error) {
        // Another instance created the row first: it holds the lease.
        if (violatedUniqueConstraint(error) !== undefined) return false;
        throw error;
      }
    });
  }
}
