import { isBackupError } from '@csbr/framework';

import { createDummyBackupProvider } from '../src/create-dummy-backup-provider';
import { DUMMY_OPERATIONS, type DummyOperation } from '../src/dummy-operations';
import { type FaultInjectingDummyProvider } from '../src/fault-injecting-dummy-provider';
import { createTestProviderContext, testVm, zoneOne } from './support/test-provider-context';
import { backupOf, createVmRequest, goldPolicy, restoreVolumeRequest } from './support/test-requests';

const vm = testVm('vm-uuid-1');
const point = { externalId: 'dummy-point', created: new Date(0), type: 'FULL' };

/** Calls `operation` with valid arguments. */
function call(provider: FaultInjectingDummyProvider, operation: DummyOperation): Promise<unknown> {
  switch (operation) {
    case 'listPolicies':
      return provider.listPolicies(zoneOne);
    case 'isValidPolicy':
      return provider.isValidPolicy(zoneOne, 'gold-policy');
    case 'assignVm':
      return provider.assignVm({ zone: zoneOne, vm, policy: goldPolicy });
    case 'removeVm':
      return provider.removeVm({ zone: zoneOne, vm });
    case 'takeBackup':
      return provider.takeBackup({ zone: zoneOne, vm });
    case 'deleteBackup':
      return provider.deleteBackup({
        zone: zoneOne,
        vm,
        backup: backupOf(vm, 'dummy-point'),
        forced: true,
      });
    case 'restoreVm':
      return provider.restoreVm({ zone: zoneOne, vm, backup: backupOf(vm, 'dummy-point') });
    case 'restoreVolume':
      return provider.restoreVolume(restoreVolumeRequest(vm, point));
    case 'createVmFromBackup':
      return provider.createVmFromBackup(createVmRequest(vm, point));
    case 'getMetrics':
      return provider.getMetrics(zoneOne, [vm]);
  }
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('createDummyBackupProvider failure injection', () => {
  it.each(DUMMY_OPERATIONS)(
    'fails %s with UPSTREAM_REJECTED and a message naming it by default',
    async (operation) => {
      const provider = createDummyBackupProvider(createTestProviderContext(), {
        failures: { [operation]: {} },
      });

      const error = await errorOf(call(provider, operation));

      expect(isBackupError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'UPSTREAM_REJECTED',
        message: `Dummy provider injected failure in ${operation}`,
      });
    },
  );

  it('fails with the given code and message', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { assignVm: { code: 'UPSTREAM_UNAVAILABLE', message: 'Veeam is down' } },
    });

    await expect(call(provider, 'assignVm')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Veeam is down',
    });
  });

  it('fails only the given number of times, then works', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { takeBackup: { times: 2 } },
    });

    await expect(call(provider, 'takeBackup')).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    await expect(call(provider, 'takeBackup')).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    await expect(call(provider, 'takeBackup')).resolves.toMatchObject({ type: 'FULL', size: 1024 });
  });

  it('keeps failing without a limit', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { restoreVm: {} },
    });

    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(call(provider, 'restoreVm')).rejects.toMatchObject({
        code: 'UPSTREAM_REJECTED',
      });
    }
  });

  it('does not perform a failed operation', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { takeBackup: { times: 1 } },
    });

    await expect(call(provider, 'takeBackup')).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });

    // The failed call took no backup: the next one is the VM's first.
    await expect(call(provider, 'takeBackup')).resolves.toMatchObject({
      externalId: expect.stringMatching(/-1$/) as unknown,
    });
  });

  it('leaves the other operations working', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { takeBackup: {} },
    });

    await expect(provider.listPolicies(zoneOne)).resolves.toHaveLength(2);
    await expect(provider.willDeleteBackupsOnPolicyRemoval(zoneOne)).resolves.toBe(false);
  });

  it('injects and clears failures at run time', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { getMetrics: {} },
    });

    provider.injectFailure('listPolicies', { code: 'TIMEOUT', message: 'took too long' });
    await expect(call(provider, 'listPolicies')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'took too long',
    });

    provider.injectFailure('listPolicies', { times: 1 });
    await expect(call(provider, 'listPolicies')).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
      message: 'Dummy provider injected failure in listPolicies',
    });
    await expect(call(provider, 'listPolicies')).resolves.toHaveLength(2);

    provider.injectFailure('removeVm');
    provider.clearFailures();
    await expect(call(provider, 'removeVm')).resolves.toBeUndefined();
    await expect(call(provider, 'getMetrics')).resolves.toBeInstanceOf(Map);
  });

  it('disarms an operation injected with times 0', async () => {
    const provider = createDummyBackupProvider(createTestProviderContext(), {
      failures: { removeVm: {} },
    });

    provider.injectFailure('removeVm', { times: 0 });

    await expect(call(provider, 'removeVm')).resolves.toBeUndefined();
  });

  it('refuses unknown operations and bad counts instead of arming nothing', () => {
    const provider = createDummyBackupProvider(createTestProviderContext());

    expect(() => provider.injectFailure('takeBackups' as DummyOperation)).toThrow(
      'Unknown dummy provider operation "takeBackups"',
    );
    expect(() => provider.injectFailure('takeBackup', { times: 1.5 })).toThrow(RangeError);
    expect(() => provider.injectFailure('takeBackup', { times: -1 })).toThrow(RangeError);
    expect(() =>
      createDummyBackupProvider(createTestProviderContext(), {
        failures: { nope: {} } as Partial<Record<DummyOperation, object>>,
      }),
    ).toThrow(TypeError);
  });

  it('logs each deliberate failure', async () => {
    const context = createTestProviderContext();
    const provider = createDummyBackupProvider(context, { failures: { takeBackup: { times: 1 } } });

    await expect(call(provider, 'takeBackup')).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });

    expect(context.lines).toContainEqual({
      level: 'info',
      message: 'dummy provider failing on purpose',
      meta: { operation: 'takeBackup', zone: zoneOne.uuid, code: 'UPSTREAM_REJECTED' },
    });
  });
});
