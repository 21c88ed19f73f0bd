import { type Clock } from '../host/ports';

/**
 * A {@link Clock} that only moves when told to, so tests can assert exact dates.
 *
 * @example
 * ```ts
 * const clock = new FixedClock('2020-03-04T10:23:45Z');
 * clock.advance(60_000);
 * ```
 * @public
 * @since 1.0.0
 */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2020-03-04T10:23:45Z') {
    this.current = new Date(start).getTime();
  }

  /** A fresh Date each call, so a caller mutating it cannot move the clock. */
  now(): Date {
    return new Date(this.current);
  }

  set(date: Date | string): void {
    this.current = new Date(date).getTime();
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
