import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource, LessThan } from 'typeorm';

import { type LongTimeout, setLongTimeout } from '../clock/long-timeout';
import { ApiRequestSignatureEntity } from '../database/entities';
import { SIGNATURES_CLOCK } from './signatures.tokens';

/** How often each instance deletes expired signature records. */
export const PURGE_INTERVAL_MS = 60_000;
/**
 * How long a record outlives its request's `expires`: a replay is refused as expired by then, on any
 * instance whose clock is no more than this behind the purging one's.
 */
export const RECORD_GRACE_MS = 5 * 60_000;
/** Rows deleted per statement, so that a purge never holds many locks at once. */
const PURGE_BATCH = 1000;

/**
 * Deletes signature records once they cannot matter any more, on every instance (deleting what
 * another instance deletes too is harmless). Runs whether protection is on or off, so that records
 * left when it was turned off go too.
 */
@Injectable()
export class SignatureRecordPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SignatureRecordPurger.name);
  private timer: LongTimeout | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SIGNATURES_CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleNext();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.timer?.clear();
  }

  /** Deletes every record whose request expired more than {@link RECORD_GRACE_MS} ago; returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - RECORD_GRACE_MS);
    const repository = this.dataSource.getRepository(ApiRequestSignatureEntity);
    let deleted = 0;
    for (;;) {
      const expired = await repository.find({
        select: { signatureHash: true },
        where: { expires: LessThan(cutoff) },
        take: PURGE_BATCH,
      });
      if (expired.length === 0) return deleted;
      await repository.delete(expired.map((row) => row.signatureHash));
      deleted += expired.length;
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.timer = setLongTimeout(
      () => {
        this.purgeExpired()
          .catch((error: unknown) => {
            this.logger.warn(`Could not purge expired signature records: ${error instanceof Error ? error.message : String(error)}`);
          })
          .finally(() => this.scheduleNext());
      },
      PURGE_INTERVAL_MS,
      { unref: true },
    );
  }
}
