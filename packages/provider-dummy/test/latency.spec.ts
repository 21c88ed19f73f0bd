import { createDummyBackupProvider } from '../src/create-dummy-backup-provider';
import { DUMMY_LATENCY_MS_KEY } from '../src/dummy-config-keys';
import { createTestProviderContext, testVm, zoneOne, zoneTwo } from './support/test-provider-context';
import { backupOf } from './support/test-requests';

/** Tracks whether a promise has settled, without awaiting it. */
function track(promise: Promise<unknown>): { settled: () => boolean; rejected: () => boolean } {
  let settled = false;
  let rejected = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
      rejected = true;
    },
  );
  return { settled: () => settled, rejected: () => rejected };
}

describe('createDummyBackupProvider latency', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('sets no timer at all by default', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext());
    const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');

    const call = track(provider.listPolicies(zoneOne));
    await jest.advanceTimersByTimeAsync(0);

    expect(call.settled()).toBe(true);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
  });

  it('waits latencyMs before answering', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), { latencyMs: 50 });

    const call = track(provider.listPolicies(zoneOne));
    await jest.advanceTimersByTimeAsync(49);
    expect(call.settled()).toBe(false);

    await jest.advanceTimersByTimeAsync(1);
    expect(call.settled()).toBe(true);
  });

  it('fails an injected failure only after the latency', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      latencyMs: 20,
      failures: { getMetrics: {} },
    });

    const call = track(provider.getMetrics(zoneOne, []));
    await jest.advanceTimersByTimeAsync(19);
    expect(call.settled()).toBe(false);

    await jest.advanceTimersByTimeAsync(1);
    expect(call.rejected()).toBe(true);
  });

  it('waits the zone configured latency on top, in that zone only', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_LATENCY_MS_KEY, '30', zoneOne);
    const provider = createDummyBackupProvider(context, { latencyMs: 10 });

    const slow = track(provider.listPolicies(zoneOne));
    const fast = track(provider.listPolicies(zoneTwo));
    await jest.advanceTimersByTimeAsync(10);
    expect(fast.settled()).toBe(true);
    expect(slow.settled()).toBe(false);

    await jest.advanceTimersByTimeAsync(29);
    expect(slow.settled()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(slow.settled()).toBe(true);
  });

  it('applies a configured latency change on the next call', async () => {
    const context = createTestProviderContext();
    const provider = createDummyBackupProvider(context);
    context.setConfig(DUMMY_LATENCY_MS_KEY, '100');

    const slow = track(provider.listPolicies(zoneOne));
    await jest.advanceTimersByTimeAsync(99);
    expect(slow.settled()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(slow.settled()).toBe(true);

    context.setConfig(DUMMY_LATENCY_MS_KEY, '0');
    const fast = track(provider.listPolicies(zoneOne));
    await jest.advanceTimersByTimeAsync(0);
    expect(fast.settled()).toBe(true);
  });

  it('treats a negative configured latency as none', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_LATENCY_MS_KEY, '-5');
    const provider = createDummyBackupProvider(context);
    const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');

    const call = track(provider.listPolicies(zoneOne));
    await jest.advanceTimersByTimeAsync(0);

    expect(call.settled()).toBe(true);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
  });

  it('refuses a negative or non-finite latencyMs option', () => {
    expect(() => createDummyBackupProvider(createTestProviderContext(), { latencyMs: -1 })).toThrow(
      RangeError,
    );
    expect(() =>
      createDummyBackupProvider(createTestProviderContext(), { latencyMs: Number.NaN }),
    ).toThrow(RangeError);
  });

  it('stops waiting as soon as the host aborts the call, with the abort reason (contract 1.1)', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), { latencyMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error('deadline passed');

    const call = provider.takeBackup({ zone: zoneOne, vm: testVm('vm-1'), signal: controller.signal });
    const outcome = call.catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(1500);
    controller.abort(reason);

    await expect(outcome).resolves.toBe(reason);
  });

  it('reports progress while it waits, ending at 100', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), { latencyMs: 3000 });
    const reported: number[] = [];

    const call = provider.restoreVm({
      zone: zoneOne,
      vm: testVm('vm-1'),
      backup: backupOf(testVm('vm-1'), 'rp-1'),
      progress: { report: (percent) => reported.push(Math.round(percent)) },
    });
    await jest.advanceTimersByTimeAsync(3000);
    await call;

    expect(reported).toEqual([0, 33, 67, 100]);
  });

  it('does nothing for a call the host already aborted', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext());
    const controller = new AbortController();
    const reason = new Error('gave up');
    controller.abort(reason);

    await expect(provider.takeBackup({ zone: zoneOne, vm: testVm('vm-1'), signal: controller.signal })).rejects.toBe(reason);
  });
});
