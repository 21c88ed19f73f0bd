import { type VeeamSimulator } from '../../src';
import { startWithClient, type VbrClient } from './vbr-client';

export interface DemoEnvironment {
  simulator: VeeamSimulator;
  client: VbrClient;
}

/** Sessions of ~40 ms, so tests that wait for them stay quick. */
export const FAST_SESSIONS = { startingMs: 5, workingMs: 30, postprocessingMs: 5 };

/**
 * One simulator and logged-in client per describe block, reset to the demo seed with fast
 * sessions before each test.
 */
export function useDemoSimulator(personality: '12' | '13'): DemoEnvironment {
  const environment = {} as DemoEnvironment;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startWithClient({ personality });
    environment.simulator = started.simulator;
    environment.client = started.client;
    stop = started.stop;
  });
  beforeEach(() => {
    environment.simulator.controls.reset('demo');
    environment.simulator.controls.setSessionTiming(FAST_SESSIONS);
  });
  afterAll(async () => stop?.());
  return environment;
}
