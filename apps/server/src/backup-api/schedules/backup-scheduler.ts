import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ProviderLogger } from '@csbr/framework';
import { type BackupSchedule, type Clock } from '@csbr/framework/host';

/** What the scheduler needs of the BackupManager. */
export interface ScheduleClaimer {
  claimDueSchedules(now: Date, limit?: number): Promise<readonly BackupSchedule[]>;
}

/** Submits one scheduled run as an async job (data in `async_job`, run by any instance). */
export interface ScheduledRunSubmitter {
  submit(schedule: BackupSchedule): Promise<string | undefined>;
}

/** Whether this instance leads the scheduler (holds the `backup.scheduler` lease). */
export interface SchedulerLeadership {
  holds(): boolean;
}

const ALWAYS_LEADS: SchedulerLeadership = { holds: () => true };

/** Due schedules claimed per tick; the rest wait for the next tick. */
const CLAIM_BATCH = 100;

/**
 * The backup scheduler (spec §7.2): every tick (`CSBR_SCHEDULER_TICK_MS`, 30 s by default, so a due
 * schedule starts within a minute of its time), the instance that holds the `backup.scheduler`
 * lease claims the due schedules and submits one `runBackupSchedule` job for each. Claiming moves
 * each schedule to its next run with a compare-and-set, so a slot runs once even if the lease
 * changes hands mid-tick, and slots missed while no instance ran are caught up once. Ticks never
 * overlap; the timer is unref'd.
 */
export class BackupScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly claimer: ScheduleClaimer,
    private readonly submitter: ScheduledRunSubmitter,
    private readonly clock: Clock,
    private readonly logger: ProviderLogger,
    private readonly options: { readonly enabled: boolean; readonly tickMs: number },
    private readonly leadership: SchedulerLeadership = ALWAYS_LEADS,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) {
      this.logger.info('Backup scheduler disabled (CSBR_SCHEDULER_ENABLED=false)');
      return;
    }
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Claims and submits what is due now, or joins the tick in progress. Resolves to the number of
   * runs submitted. For tests and tools; the timer calls it only on the lease holder.
   */
  runOnce(): Promise<number> {
    if (this.running === undefined) {
      this.running = this.claimAndSubmit().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.leadership.holds()) return;
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error('Error trying to run the backup scheduler', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async claimAndSubmit(): Promise<number> {
    const due = await this.claimer.claimDueSchedules(this.clock.now(), CLAIM_BATCH);
    let submitted = 0;
    for (const schedule of due) {
      try {
        const jobId = await this.submitter.submit(schedule);
        if (jobId !== undefined) submitted += 1;
        this.logger.info('Submitted a scheduled VM backup', { schedule: schedule.uuid, jobId, next: schedule.scheduledAt?.toISOString() });
      } catch (error) {
        this.logger.error('Could not submit a scheduled VM backup; it runs at its next time', {
          schedule: schedule.uuid,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return submitted;
  }
}
