import { createDummyBackupProvider } from '../src/create-dummy-backup-provider';
import { DUMMY_FAIL_OPERATIONS_KEY } from '../src/dummy-config-keys';
import {
  createTestProviderContext,
  testVm,
  zoneOne,
  zoneTwo,
} from './support/test-provider-context';
import { backupOf, goldPolicy } from './support/test-requests';

describe('backup.plugin.dummy.fail.operations', () => {
  const vm = testVm('vm-uuid-1');

  it('fails the listed operations in the zone it is set for', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, ' takeBackup ,restoreVm,,', zoneOne);
    const provider = createDummyBackupProvider(context);

    await expect(provider.takeBackup({ zone: zoneOne, vm })).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
      message: 'Dummy provider injected failure in takeBackup',
    });
    await expect(
      provider.restoreVm({ zone: zoneOne, vm, backup: backupOf(vm, 'x') }),
    ).rejects.toMatchObject({
      message: 'Dummy provider injected failure in restoreVm',
    });
    await expect(provider.listPolicies(zoneOne)).resolves.toHaveLength(2);
    await expect(provider.takeBackup({ zone: zoneTwo, vm })).resolves.toMatchObject({ size: 1024 });
  });

  it('fails every zone when set globally, and stops as soon as it is cleared', async () => {
    const context = createTestProviderContext();
    const provider = createDummyBackupProvider(context);

    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, 'getMetrics');
    await expect(provider.getMetrics(zoneOne, [vm])).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
    });
    await expect(provider.getMetrics(zoneTwo, [vm])).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
    });

    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, '');
    await expect(provider.getMetrics(zoneOne, [vm])).resolves.toHaveProperty('size', 1);
  });

  it('keeps failing on every call, unlike a counted injected failure', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, 'deleteBackup');
    const provider = createDummyBackupProvider(context);

    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(
        provider.deleteBackup({ zone: zoneOne, vm, backup: backupOf(vm, 'x'), forced: false }),
      ).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    }
  });

  it('prefers a failure injected in code, with its own code and message', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, 'assignVm');
    const provider = createDummyBackupProvider(context);
    provider.injectFailure('assignVm', {
      code: 'UPSTREAM_AUTH_FAILED',
      message: 'bad credentials',
      times: 1,
    });

    await expect(provider.listPolicies(zoneOne)).resolves.toHaveLength(2);
    await expect(provider.isValidPolicy(zoneOne, 'gold-policy')).resolves.toBe(true);
    const assign = (): Promise<unknown> =>
      provider.assignVm({ zone: zoneOne, vm, policy: goldPolicy });
    await expect(assign()).rejects.toMatchObject({
      code: 'UPSTREAM_AUTH_FAILED',
      message: 'bad credentials',
    });
    await expect(assign()).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
  });

  it('ignores unknown operation names and warns once per value', async () => {
    const context = createTestProviderContext();
    context.setConfig(DUMMY_FAIL_OPERATIONS_KEY, 'takebackup,listPolicies');
    const provider = createDummyBackupProvider(context);

    await expect(provider.takeBackup({ zone: zoneOne, vm })).resolves.toMatchObject({
      type: 'FULL',
    });
    await expect(provider.takeBackup({ zone: zoneOne, vm })).resolves.toMatchObject({
      type: 'FULL',
    });
    await expect(provider.listPolicies(zoneOne)).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
    });

    const warnings = context.lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      {
        level: 'warn',
        message: `${DUMMY_FAIL_OPERATIONS_KEY} names unknown operations; they are ignored`,
        meta: { zone: zoneOne.uuid, unknown: ['takebackup'] },
      },
    ]);
  });
});
