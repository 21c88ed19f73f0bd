/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`, so the framework needs no
 * date library. Only what schedules need: read the local fields of an instant, and find the
 * instant of a local date and time (DST gaps move forward by the gap, overlaps take the earlier
 * instant, as java.time does, so a daily 02:30 runs exactly once on both change days).
 */

/** Local calendar fields of an instant; `month` is 1-12, `weekday` is 1 (Sunday) to 7 (Saturday). */
export interface LocalFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 24 * 60 * 60 * 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `Intl` knows the zone (IANA names, `UTC`, `GMT`, fixed names such as `EST`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsOf(instantMs: number, timeZone: string): LocalFields & { second: number } {
  const values: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) values[part.type] = part.value;
  return {
    year: Number(values.year),
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
    weekday: WEEKDAYS.indexOf(values.weekday ?? '') + 1,
  };
}

/** The local fields of `instantMs` in `timeZone`. */
export function localFields(instantMs: number, timeZone: string): LocalFields {
  return partsOf(instantMs, timeZone);
}

/** The zone's UTC offset at an instant, in milliseconds (local minus UTC). */
function offsetAt(instantMs: number, timeZone: string): number {
  const p = partsOf(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock of `timeZone` shows the given local date and time.
 * Assumes at most one offset change within a day of it, which holds for every IANA zone.
 */
export function instantOfLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((candidate, index) => {
    const used = index === 0 ? before : after;
    return offsetAt(candidate, timeZone) === used;
  });
  // Overlap (clocks went back): two instants show this time; take the earlier one.
  if (valid.length > 0) return Math.min(...valid);
  // Gap (clocks went forward): the time does not exist; move forward by the gap.
  return wall - before;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local calendar date `days` after the given one. */
export function addLocalDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
