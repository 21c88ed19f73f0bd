import { type SyncReport } from '@csbr/framework/host';
import { RecordingLogger } from '@csbr/framework/testing';

import { BackupSyncScheduler, type SyncTarget } from './backup-sync-scheduler';

const REPORT: SyncReport = { zones: 1, vms: 2, created: 0, removed: 0, failed: 0, skipped: 0 };

/** A sync target whose runs the test finishes by hand, and whose interval it sets. */
class ControlledTarget implements SyncTarget {
  intervalSeconds = 10;
  failInterval = false;
  runs = 0;
  private pending: (() => void)[] = [];

  syncAllZones(): Promise<SyncReport> {
    this.runs += 1;
    return new Promise((resolve) => this.pending.push(() => resolve(REPORT)));
  }

  syncIntervalSeconds(): Promise<number> {
    return this.failInterval
      ? Promise.reject(new Error('database is gone'))
      : Promise.resolve(this.intervalSeconds);
  }

  /** Finishes every run in progress. */
  finishRuns(): void {
    const pending = this.pending;
    this.pending = [];
    for (const finish of pending) finish();
  }
}

describe('BackupSyncScheduler', () => {
  let target: ControlledTarget;
  let logger: RecordingLogger;

  beforeEach(() => {
    jest.useFakeTimers();
    target = new ControlledTarget();
    logger = new RecordingLogger();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs the sync one interval after boot, then again one interval after each run ends', async () => {
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(9_999);
    expect(target.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(target.runs).toBe(1);

    // The run takes 25 s; the next one is due 10 s after it ends, not every 10 s.
    await jest.advanceTimersByTimeAsync(25_000);
    expect(target.runs).toBe(1);
    target.finishRuns();
    await jest.advanceTimersByTimeAsync(9_999);
    expect(target.runs).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(target.runs).toBe(2);

    await finishAndStop(scheduler);
  });

  it('re-reads the interval before every wait, so a change applies from the next run', async () => {
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(target.runs).toBe(1);

    target.intervalSeconds = 2;
    target.finishRuns();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(target.runs).toBe(2);

    await finishAndStop(scheduler);
  });

  it('never overlaps: a run asked for while one is in progress joins it', async () => {
    const scheduler = new BackupSyncScheduler(target, logger, false);
    const first = scheduler.runOnce();
    const second = scheduler.runOnce();
    expect(second).toBe(first);
    expect(target.runs).toBe(1);

    target.finishRuns();
    await expect(first).resolves.toEqual(REPORT);
    const third = scheduler.runOnce();
    expect(target.runs).toBe(2);
    target.finishRuns();
    await third;
  });

  it('schedules nothing when the sync task is disabled, but still runs on demand', async () => {
    const scheduler = new BackupSyncScheduler(target, logger, false);
    scheduler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_600_000);

    expect(target.runs).toBe(0);
    expect(scheduler.isScheduled()).toBe(false);
    expect(logger.messages('info')).toContain('Backup sync task disabled (CSBR_SYNC_ENABLED=false)');

    const run = scheduler.runOnce();
    target.finishRuns();
    await expect(run).resolves.toEqual(REPORT);
  });

  it('does not keep the process alive: its timer is unref’d', async () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(0);

    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await scheduler.stop();
  });

  it('stop() cancels the next run and waits for the one in progress', async () => {
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(target.runs).toBe(1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);

    target.finishRuns();
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(target.runs).toBe(1);
    expect(scheduler.isScheduled()).toBe(false);
  });

  it('falls back to the default interval (300 s) when the interval cannot be read', async () => {
    target.failInterval = true;
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.start();

    await jest.advanceTimersByTimeAsync(299_999);
    expect(target.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(target.runs).toBe(1);
    expect(logger.messages('warn')).toContain(
      'Could not read backup.framework.sync.interval; using its default',
    );

    await finishAndStop(scheduler);
  });

  async function finishAndStop(scheduler: BackupSyncScheduler): Promise<void> {
    target.finishRuns();
    await scheduler.stop();
  }

  it('waits the whole interval however long it is, past a timer\'s 2^31-1 ms limit', async () => {
    // 3,000,000 s (~35 days): a plain setTimeout would overflow to 1 ms and run the sync in a loop.
    target.intervalSeconds = 3_000_000;
    const scheduler = new BackupSyncScheduler(target, logger, true);
    scheduler.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(3_000);
    expect(target.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(3_000_000_000 - 3_000 - 1);
    expect(target.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(target.runs).toBe(1);

    target.finishRuns();
    await scheduler.stop();
  });
});
