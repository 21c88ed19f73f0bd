/** The parts of jest's (or vitest's, or mocha's) globals the contract suite uses. */
export interface TestRunnerGlobals {
  describe(this: void, name: string, body: () => void): void;
  it(this: void, name: string, test: () => Promise<void>, timeoutMs?: number): void;
  beforeAll(this: void, hook: () => Promise<void>, timeoutMs?: number): void;
  afterAll(this: void, hook: () => Promise<void>, timeoutMs?: number): void;
}

/**
 * The test runner's globals. Looked up at call time rather than imported, so the framework does
 * not depend on jest and a provider can run the suite with any runner that defines them.
 */
export function testRunnerGlobals(): TestRunnerGlobals {
  const globals = globalThis as unknown as Partial<TestRunnerGlobals>;
  const { describe, it, beforeAll, afterAll } = globals;
  if (
    typeof describe !== 'function' ||
    typeof it !== 'function' ||
    typeof beforeAll !== 'function' ||
    typeof afterAll !== 'function'
  ) {
    throw new Error(
      'describeBackupProviderContract must be called inside a test file run by jest (or a runner with the same globals)',
    );
  }
  return { describe, it, beforeAll, afterAll };
}
