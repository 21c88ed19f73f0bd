/**
 * The simulator's time: the wall clock plus an offset that tests move forward, so that token
 * expiry and session progress can be reached without sleeping.
 */
export class SimulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`The clock only moves forward by a finite number of ms, got ${ms}`);
    }
    this.offsetMs += ms;
  }
}

/** Veeam prints local times with an offset; UTC with "Z" is an equally valid date-time. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
