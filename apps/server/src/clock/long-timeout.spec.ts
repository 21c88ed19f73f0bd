import { MAX_TIMER_DELAY_MS, setLongTimeout } from './long-timeout';

describe('setLongTimeout', () => {
  describe('on a fake clock', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('fires once, exactly when a delay past the timer limit is over', async () => {
      const fired = jest.fn();
      const delay = 3 * MAX_TIMER_DELAY_MS + 5;
      setLongTimeout(fired, delay);

      await jest.advanceTimersByTimeAsync(delay - 1);
      expect(fired).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(fired).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(10 * MAX_TIMER_DELAY_MS);
      expect(fired).toHaveBeenCalledTimes(1);
    });

    it('can be cleared in any of its chunks', async () => {
      const fired = jest.fn();
      const timeout = setLongTimeout(fired, 2 * MAX_TIMER_DELAY_MS);
      await jest.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS + 10);
      timeout.clear();
      timeout.clear();
      await jest.advanceTimersByTimeAsync(2 * MAX_TIMER_DELAY_MS);
      expect(fired).not.toHaveBeenCalled();
    });

    it('fires a negative or NaN delay at once and never an infinite one', async () => {
      const now = jest.fn();
      const never = jest.fn();
      setLongTimeout(now, -5);
      setLongTimeout(now, Number.NaN);
      const forever = setLongTimeout(never, Number.POSITIVE_INFINITY);
      await jest.advanceTimersByTimeAsync(0);
      expect(now).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(5 * MAX_TIMER_DELAY_MS);
      expect(never).not.toHaveBeenCalled();
      forever.clear();
    });
  });

  it('never hands Node an overflowing delay (no TimeoutOverflowWarning, nothing fired early)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const fired = jest.fn();
      const timeout = setLongTimeout(fired, 3_000_000_000, { unref: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fired).not.toHaveBeenCalled();
      expect(warnings).not.toContain('TimeoutOverflowWarning');
      timeout.clear();
    } finally {
      process.off('warning', onWarning);
    }
  });
});
