import {
  nextBackupRunTime,
  normalizeScheduleTimeZone,
  parseBackupSchedule,
  parseBackupScheduleIntervalType,
  planScheduledRun,
  type BackupScheduleIntervalType,
} from '../../../src/host/backup-schedule';
import { isBackupError } from '../../../src/errors';

/** The next `count` run times (ISO, UTC) after `from`. */
function runs(type: BackupScheduleIntervalType, schedule: string, zone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let after = new Date(from);
  for (let i = 0; i < count; i += 1) {
    after = nextBackupRunTime(type, schedule, zone, after);
    out.push(after.toISOString());
  }
  return out;
}

const iso = (value: string) => new Date(value).toISOString();

describe('HOURLY across DST changes', () => {
  it('Europe/Berlin spring forward: runs every absolute hour, 01:30 CET then 03:30 CEST', () => {
    expect(runs('HOURLY', '30', 'Europe/Berlin', '2026-03-29T00:00:00Z', 3)).toEqual(
      ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-03-29T02:30:00Z'].map(iso),
    );
  });
  it('Europe/Berlin fall back: the repeated 02:30 runs twice, once per absolute hour', () => {
    expect(runs('HOURLY', '30', 'Europe/Berlin', '2026-10-25T00:00:00Z', 3)).toEqual(
      ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:30:00Z'].map(iso),
    );
  });
  it('America/New_York fall back: 01:30 EDT and 01:30 EST both run', () => {
    expect(runs('HOURLY', '30', 'America/New_York', '2026-11-01T05:00:00Z', 3)).toEqual(
      ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-01T07:30:00Z'].map(iso),
    );
  });
  it('America/New_York spring forward: no gap and no double run', () => {
    expect(runs('HOURLY', '0', 'America/New_York', '2026-03-08T06:10:00Z', 3)).toEqual(
      ['2026-03-08T07:00:00Z', '2026-03-08T08:00:00Z', '2026-03-08T09:00:00Z'].map(iso),
    );
  });
  it('Australia/Sydney (southern hemisphere) autumn fall back in April', () => {
    expect(runs('HOURLY', '30', 'Australia/Sydney', '2026-04-04T15:00:00Z', 3)).toEqual(
      ['2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z', '2026-04-04T17:30:00Z'].map(iso),
    );
  });
  it('a half-hour zone keeps the local minute (Asia/Kolkata)', () => {
    expect(runs('HOURLY', '0', 'Asia/Kolkata', '2026-06-01T00:00:00Z', 2)).toEqual(
      ['2026-06-01T00:30:00Z', '2026-06-01T01:30:00Z'].map(iso),
    );
  });
  it('a time exactly on the slot is not "after" it: the next hour is returned', () => {
    expect(nextBackupRunTime('HOURLY', '30', 'UTC', new Date('2026-06-01T10:30:00Z')).toISOString()).toBe(
      iso('2026-06-01T11:30:00Z'),
    );
  });
});

describe('DAILY across DST changes', () => {
  it('Europe/Berlin: 02:30 does not exist on spring-forward day and runs at 03:30 CEST, once', () => {
    expect(runs('DAILY', '30:02', 'Europe/Berlin', '2026-03-28T12:00:00Z', 2)).toEqual(
      ['2026-03-29T01:30:00Z', '2026-03-30T00:30:00Z'].map(iso),
    );
  });
  it('Europe/Berlin: 02:30 occurs twice on fall-back day and runs once, at the earlier instant', () => {
    expect(runs('DAILY', '30:02', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2)).toEqual(
      ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z'].map(iso),
    );
  });
  it('America/New_York keeps 09:00 local wall time across spring forward', () => {
    expect(runs('DAILY', '00:09', 'America/New_York', '2026-03-07T00:00:00Z', 2)).toEqual(
      ['2026-03-07T14:00:00Z', '2026-03-08T13:00:00Z'].map(iso),
    );
  });
  it('America/New_York: 01:30 on fall-back day runs once (EDT)', () => {
    expect(runs('DAILY', '30:01', 'America/New_York', '2026-10-31T12:00:00Z', 2)).toEqual(
      ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z'].map(iso),
    );
  });
  it('Australia/Sydney spring forward in October: 02:30 runs at 03:30 AEDT', () => {
    expect(runs('DAILY', '30:02', 'Australia/Sydney', '2026-10-03T12:00:00Z', 2)).toEqual(
      ['2026-10-03T16:30:00Z', '2026-10-04T15:30:00Z'].map(iso),
    );
  });
});

describe('WEEKLY across DST changes (day 1 = Sunday)', () => {
  it('Europe/Berlin Sunday 10:00 before and after spring forward', () => {
    expect(runs('WEEKLY', '00:10:1', 'Europe/Berlin', '2026-03-20T00:00:00Z', 2)).toEqual(
      ['2026-03-22T09:00:00Z', '2026-03-29T08:00:00Z'].map(iso),
    );
  });
  it('America/New_York Sunday 10:00 before and after fall back', () => {
    expect(runs('WEEKLY', '00:10:1', 'America/New_York', '2026-10-24T00:00:00Z', 2)).toEqual(
      ['2026-10-25T14:00:00Z', '2026-11-01T15:00:00Z'].map(iso),
    );
  });
  it('Saturday is 7', () => {
    expect(nextBackupRunTime('WEEKLY', '15:23:7', 'UTC', new Date('2026-06-01T00:00:00Z')).toISOString()).toBe(
      iso('2026-06-06T23:15:00Z'),
    );
  });
});

describe('MONTHLY across DST changes and month ends', () => {
  it('America/New_York: the 8th at 02:30 falls in the March gap and runs at 03:30 EDT', () => {
    expect(runs('MONTHLY', '30:02:8', 'America/New_York', '2026-02-10T00:00:00Z', 2)).toEqual(
      ['2026-03-08T07:30:00Z', '2026-04-08T06:30:00Z'].map(iso),
    );
  });
  it('Europe/Berlin: the 25th at 10:00 keeps its wall time from CEST to CET', () => {
    expect(runs('MONTHLY', '00:10:25', 'Europe/Berlin', '2026-09-01T00:00:00Z', 2)).toEqual(
      ['2026-09-25T08:00:00Z', '2026-10-25T09:00:00Z'].map(iso),
    );
  });
  it('day 28 runs in February of common and leap years, after a 31-day month', () => {
    expect(runs('MONTHLY', '00:00:28', 'UTC', '2026-01-31T12:00:00Z', 2)).toEqual(
      ['2026-02-28T00:00:00Z', '2026-03-28T00:00:00Z'].map(iso),
    );
    expect(runs('MONTHLY', '00:00:28', 'UTC', '2028-01-29T00:00:00Z', 2)).toEqual(
      ['2028-02-28T00:00:00Z', '2028-03-28T00:00:00Z'].map(iso),
    );
  });
  it.each(['0:0:29', '0:0:30', '0:0:31'])('refuses day %s as CloudStack does (every month must have the day)', (schedule) => {
    expect(() => parseBackupSchedule('MONTHLY', schedule)).toThrow(
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        message: `Invalid schedule: ${schedule} for interval type: MONTHLY`,
        details: { reason: 'Day cannot be greater than 28 for monthly schedule' },
      }),
    );
  });
});

describe('validation', () => {
  it('reads interval types case-insensitively and refuses others', () => {
    expect(parseBackupScheduleIntervalType('daily')).toBe('DAILY');
    expect(parseBackupScheduleIntervalType('Monthly')).toBe('MONTHLY');
    expect(parseBackupScheduleIntervalType('YEARLY')).toBeUndefined();
  });

  it.each([
    ['HOURLY', ''],
    ['HOURLY', 'ab'],
    ['HOURLY', '60'],
    ['DAILY', '30'],
    ['DAILY', '30:24'],
    ['WEEKLY', '0:10'],
    ['WEEKLY', '0:10:0'],
    ['WEEKLY', '0:10:8'],
    ['MONTHLY', '0:10:0'],
    ['MONTHLY', '-1:10:1'],
  ] as const)('%s %p is refused with CloudStack text', (type, schedule) => {
    let thrown: unknown;
    try {
      parseBackupSchedule(type, schedule);
    } catch (error) {
      thrown = error;
    }
    expect(isBackupError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(`Invalid schedule: ${schedule} for interval type: ${type}`);
  });

  it('gives the too-few-parts reason with DateUtil wording', () => {
    expect(() => parseBackupSchedule('DAILY', '30')).toThrow(
      expect.objectContaining({ details: { reason: 'Incorrect schedule format: 30 for interval type:DAILY' } }),
    );
  });

  it('ignores extra parts as CloudStack does', () => {
    expect(parseBackupSchedule('HOURLY', '5:10')).toEqual({ minute: 5, hour: 0, day: 0 });
  });

  it('keeps known zones and falls back to GMT for unknown ones, like java.util.TimeZone', () => {
    expect(normalizeScheduleTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(normalizeScheduleTimeZone('Not/AZone')).toBe('GMT');
    expect(normalizeScheduleTimeZone('')).toBe('GMT');
    expect(nextBackupRunTime('DAILY', '0:12', 'Not/AZone', new Date('2026-06-01T00:00:00Z')).toISOString()).toBe(
      iso('2026-06-01T12:00:00Z'),
    );
  });
});

/** Drives planScheduledRun as the scheduler does: a tick every `tickMs` while `up(now)`. */
function simulate(
  schedule: { intervalType: BackupScheduleIntervalType; schedule: string; timeZone: string },
  created: string,
  until: string,
  tickMs: number,
  up: (now: Date) => boolean,
): string[] {
  let scheduledAt: Date | null = nextBackupRunTime(schedule.intervalType, schedule.schedule, schedule.timeZone, new Date(created));
  const fired: string[] = [];
  for (let t = new Date(created).getTime(); t <= new Date(until).getTime(); t += tickMs) {
    const now = new Date(t);
    if (!up(now)) continue;
    const plan = planScheduledRun(schedule, scheduledAt, now);
    if (plan.due) fired.push(now.toISOString());
    scheduledAt = plan.nextRunAt;
  }
  return fired;
}

describe('planScheduledRun: firing and catch-up', () => {
  const hourly = { intervalType: 'HOURLY' as const, schedule: '15', timeZone: 'Europe/Berlin' };

  it('with a 30 s tick every run starts within 60 s of its slot', () => {
    const fired = simulate(hourly, '2026-06-01T08:00:00Z', '2026-06-01T11:59:00Z', 30_000, () => true);
    expect(fired).toEqual(['2026-06-01T08:15:00Z', '2026-06-01T09:15:00Z', '2026-06-01T10:15:00Z', '2026-06-01T11:15:00Z'].map(iso));
  });

  it('slots missed while every instance was down run once on return, not once per missed slot', () => {
    const downFrom = new Date('2026-06-01T08:05:00Z').getTime();
    const downUntil = new Date('2026-06-01T11:40:00Z').getTime();
    const fired = simulate(hourly, '2026-06-01T08:00:00Z', '2026-06-01T13:30:00Z', 30_000, (now) => now.getTime() < downFrom || now.getTime() >= downUntil);
    // 08:15, 09:15, 10:15 and 11:15 were missed: one catch-up run at 11:40, then the normal slots.
    expect(fired).toEqual(['2026-06-01T11:40:00Z', '2026-06-01T12:15:00Z', '2026-06-01T13:15:00Z'].map(iso));
  });

  it('a schedule not yet due keeps its stored time', () => {
    const at = new Date('2026-06-01T09:15:00Z');
    expect(planScheduledRun(hourly, at, new Date('2026-06-01T09:14:59Z'))).toEqual({ due: false, nextRunAt: at });
  });

  it('a schedule without a stored time is not due and gets one', () => {
    expect(planScheduledRun(hourly, null, new Date('2026-06-01T09:20:00Z'))).toEqual({
      due: false,
      nextRunAt: new Date('2026-06-01T10:15:00Z'),
    });
  });
});
