import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ProviderLogger } from '@csbr/framework';
import { type SyncOptions, type SyncReport } from '@csbr/framework/host';

import { type LongTimeout, setLongTimeout } from '../clock/long-timeout';

/** What the scheduler needs of the BackupManager. */
export interface SyncTarget {
  syncAllZones(options?: SyncOptions): Promise<SyncReport>;
  syncIntervalSeconds(): Promise<number>;
}

/**
 * Whether this instance leads the sync: with several instances on one database, exactly one runs
 * it (the holder of the `backup.sync` lease).
 */
export interface SyncLeadership {
  /** At the last heartbeat; cheap. */
  holds(): boolean;
  /** Now, from the database; asked between batches of a long run. */
  stillHolds(): Promise<boolean>;
}

/** A single instance always leads. */
const ALWAYS_LEADS: SyncLeadership = { holds: () => true, stillHolds: () => Promise.resolve(true) };

/** The interval used when reading `backup.framework.sync.interval` itself fails (its default). */
const FALLBACK_INTERVAL_SECONDS = 300;

/**
 * Runs the background backup sync (spec §7.1) every `backup.framework.sync.interval` seconds:
 * a chain of timeouts rather than an interval, so the value is re-read before every wait (a change
 * applies from the next run) and a slow run can never overlap the next one. The timer is unref'd,
 * so it never keeps the process alive on its own, and waits in chunks, so that no interval, however
 * long, can overflow it into a loop.
 *
 * Nest starts it once the application has booted (configuration seeded, providers discovered) and
 * stops it before the database closes. With `enabled` false (`CSBR_SYNC_ENABLED=false`) it never
 * schedules anything; {@link runOnce} still works, for tests and tools. Every instance keeps the
 * timer, but a timed run happens only on the instance that leads the sync, and it stops between
 * batches when that instance loses the lead.
 */
export class BackupSyncScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: LongTimeout | undefined;
  private running: Promise<SyncReport> | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly target: SyncTarget,
    private readonly logger: ProviderLogger,
    private readonly enabled: boolean,
    private readonly leadership: SyncLeadership = ALWAYS_LEADS,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.info('Backup sync task disabled (CSBR_SYNC_ENABLED=false)');
      return;
    }
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Schedules the first run one interval from now (as CloudStack does). Idempotent. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.scheduleNext();
  }

  /**
   * Runs one sync now, or joins the run already in progress: two runs never overlap, whether they
   * come from the timer or from a caller.
   */
  runOnce(options: SyncOptions = {}): Promise<SyncReport> {
    if (this.running === undefined) {
      this.running = this.target.syncAllZones(options).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Cancels the next run and waits for the one in progress, so shutdown never cuts it off. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.clear();
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Whether a next run is scheduled. */
  isScheduled(): boolean {
    return this.timer !== undefined;
  }

  private async scheduleNext(): Promise<void> {
    const seconds = await this.intervalSeconds();
    // stop() may have been called while the interval was being read.
    if (this.stopped) return;
    this.timer = setLongTimeout(
      () => {
        this.timer = undefined;
        void this.tick();
      },
      seconds * 1000,
      { unref: true },
    );
  }

  private async tick(): Promise<void> {
    try {
      if (this.leadership.holds()) {
        const report = await this.runOnce({ shouldContinue: () => this.leadership.stillHolds() });
        this.logger.debug('Backup sync finished', { ...report });
      } else {
        this.logger.debug('Backup sync skipped: another instance leads it');
      }
    } catch (error) {
      // syncAllZones never throws by contract; this guards the chain against a broken port.
      this.logger.error('Error trying to run backup-sync background task', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (!this.stopped) await this.scheduleNext();
  }

  private async intervalSeconds(): Promise<number> {
    try {
      return await this.target.syncIntervalSeconds();
    } catch (error) {
      this.logger.warn('Could not read backup.framework.sync.interval; using its default', {
        error: error instanceof Error ? error.message : String(error),
        seconds: FALLBACK_INTERVAL_SECONDS,
      });
      return FALLBACK_INTERVAL_SECONDS;
    }
  }
}
