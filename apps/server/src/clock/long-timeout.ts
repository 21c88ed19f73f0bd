/**
 * The longest delay `setTimeout` takes: a longer one overflows, Node warns
 * (`TimeoutOverflowWarning`) and fires after 1 ms instead.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A pending {@link setLongTimeout}. */
export interface LongTimeout {
  /** Cancels it; calling it again, or after it fired, does nothing. */
  clear(): void;
}

/**
 * `setTimeout` for any delay: waits in chunks of at most {@link MAX_TIMER_DELAY_MS}, so a delay of
 * weeks waits weeks. A negative or NaN delay fires on the next turn as `setTimeout` would; an
 * infinite one never fires. With `unref` the timer never keeps the process alive on its own.
 */
export function setLongTimeout(callback: () => void, delayMs: number, options: { readonly unref?: boolean } = {}): LongTimeout {
  let remaining = Number.isNaN(delayMs) ? 0 : Math.max(0, delayMs);
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const chunk = Math.min(remaining, MAX_TIMER_DELAY_MS);
    remaining -= chunk;
    timer = setTimeout(() => {
      if (remaining > 0) {
        arm();
      } else {
        timer = undefined;
        callback();
      }
    }, chunk);
    if (options.unref === true) timer.unref();
  };
  arm();
  return {
    clear: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
