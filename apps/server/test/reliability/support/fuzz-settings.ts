/**
 * Sizes of the reliability suite: short by default so that it fits the CI budget, long with
 * `CSBR_LONG_TESTS=1`. A failing fuzz run is replayed with `CSBR_FUZZ_SEED` (and `CSBR_FUZZ_RUNS`).
 */
export const LONG_TESTS = process.env.CSBR_LONG_TESTS === '1';

function positiveInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${text}"`);
  return value;
}

/** Requests per fuzz run: 2,000 in CI, 20,000 in the long variant. */
export const FUZZ_RUNS = positiveInteger('CSBR_FUZZ_RUNS') ?? (LONG_TESTS ? 20_000 : 2_000);

/** The run's seed: the one asked for, else a fresh one (printed, so that any run can be replayed). */
export const FUZZ_SEED = positiveInteger('CSBR_FUZZ_SEED') ?? Math.floor(Math.random() * 2 ** 31);

/** SIGKILL rounds of the crash-safety test: 3 in CI, 12 in the long variant. */
export const KILL_ROUNDS = positiveInteger('CSBR_KILL_ROUNDS') ?? (LONG_TESTS ? 12 : 3);
