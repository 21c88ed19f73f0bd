import { type BackupProvider, isBackupError } from '@csbr/framework';

import { createDummyBackupProvider } from '../src/create-dummy-backup-provider';
import { DummyBackupProvider } from '../src/dummy-backup-provider';
import { DUMMY_BEHAVIOR_KEY } from '../src/dummy-config-keys';
import {
  createTestProviderContext,
  FIXED_NOW,
  type TestProviderContext,
  testVm,
  zoneOne,
  zoneTwo,
} from './support/test-provider-context';
import { backupOf, createVmRequest, goldPolicy, restoreVolumeRequest } from './support/test-requests';

type NamedProvider = BackupProvider & { readonly name: string; readonly description: string };
type CreateProvider = (context: TestProviderContext) => NamedProvider;

const constructions: [string, CreateProvider][] = [
  ['DummyBackupProvider', (context) => new DummyBackupProvider(context)],
  ['createDummyBackupProvider without options', (context) => createDummyBackupProvider(context)],
];

// The plain class and the factory without options must behave identically: the test hooks may
// never change the default behaviour.
describe.each(constructions)('%s', (_label, create) => {
  let context: TestProviderContext;
  let provider: NamedProvider;
  const vm = testVm('vm-uuid-1');
  const otherVm = testVm('vm-uuid-2');
  const stamp = FIXED_NOW.getTime();

  beforeEach(() => {
    context = createTestProviderContext();
    provider = create(context);
  });

  it('is named dummy with CloudStack description', () => {
    expect(provider.name).toBe('dummy');
    expect(provider.description).toBe('Dummy Backup Plugin');
  });

  it('lists the gold and silver policies, the same on every call', async () => {
    const expected = [
      { externalId: 'gold-policy', name: 'Golden Policy', description: 'Gold description' },
      { externalId: 'silver-policy', name: 'Silver Policy', description: 'Silver description' },
    ];
    expect(await provider.listPolicies(zoneOne)).toEqual(expected);
    expect(await provider.listPolicies(zoneOne)).toEqual(expected);
  });

  it('accepts any non-empty external id as a policy', async () => {
    await expect(provider.isValidPolicy(zoneOne, 'gold-policy')).resolves.toBe(true);
    await expect(provider.isValidPolicy(zoneOne, 'not-in-the-catalogue')).resolves.toBe(true);
    await expect(provider.isValidPolicy(zoneOne, '')).resolves.toBe(false);
    await expect(provider.isValidPolicy(zoneOne, '   ')).resolves.toBe(false);
  });

  it('assigns every VM the fixed external id', async () => {
    await expect(provider.assignVm({ zone: zoneOne, vm, policy: goldPolicy })).resolves.toEqual({
      externalId: 'dummy-external-backup-id',
    });
  });

  it('keeps backups on policy removal by default, as CloudStack\'s current dummy (no forced needed)', async () => {
    await expect(provider.willDeleteBackupsOnPolicyRemoval(zoneOne)).resolves.toBe(false);
  });

  it('deletes backups on policy removal in a zone set to the 4.14 dummy, so removal needs forced=true', async () => {
    context.setConfig(DUMMY_BEHAVIOR_KEY, '4.14', zoneOne);
    await expect(provider.willDeleteBackupsOnPolicyRemoval(zoneOne)).resolves.toBe(true);
    await expect(provider.willDeleteBackupsOnPolicyRemoval(zoneTwo)).resolves.toBe(false);
  });

  it('creates a VM from a backup by default, as CloudStack\'s current dummy', async () => {
    const point = await provider.takeBackup({ zone: zoneOne, vm });
    await expect(
      provider.createVmFromBackup!(createVmRequest(vm, point!)),
    ).resolves.toBeUndefined();
  });

  it('refuses a VM from a backup with the 4.14 dummy\'s message in a zone set to 4.14', async () => {
    context.setConfig(DUMMY_BEHAVIOR_KEY, '4.14', zoneOne);
    const point = await provider.takeBackup({ zone: zoneOne, vm });
    await expect(provider.createVmFromBackup!(createVmRequest(vm, point!))).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'Dummy plugin does not support this feature',
    });
  });

  it('takes FULL backups of 1024 bytes protecting 1024000 bytes, dated by the host clock', async () => {
    const first = await provider.takeBackup({ zone: zoneOne, vm });
    const second = await provider.takeBackup({ zone: zoneOne, vm });

    expect(first).toEqual({
      externalId: `dummy-vm-uuid-1-${stamp}-1`,
      created: FIXED_NOW,
      type: 'FULL',
      size: 1024,
      protectedSize: 1024000,
    });
    expect(second?.externalId).toBe(`dummy-vm-uuid-1-${stamp}-2`);
  });

  it('numbers backups per VM', async () => {
    await provider.takeBackup({ zone: zoneOne, vm });
    const other = await provider.takeBackup({ zone: zoneOne, vm: otherVm });

    expect(other?.externalId).toBe(`dummy-vm-uuid-2-${stamp}-1`);
  });

  it('does not list restore points, so the host sync never adds or removes its backups', () => {
    // CloudStack's dummy syncBackups does nothing; a list kept in memory would be empty after a
    // restart and make the sync remove every older backup.
    expect(provider.listRestorePoints).toBeUndefined();
    expect('listRestorePoints' in provider).toBe(false);
  });

  it('deletes any backup, including ones taken before a restart', async () => {
    const point = await provider.takeBackup({ zone: zoneOne, vm });

    for (const externalId of [point!.externalId, 'from-before-a-restart']) {
      await expect(
        provider.deleteBackup({
          zone: zoneOne,
          vm,
          backup: backupOf(vm, externalId),
          forced: false,
        }),
      ).resolves.toBeUndefined();
    }
  });

  it('removes a VM from its policy', async () => {
    await provider.takeBackup({ zone: zoneOne, vm });
    await expect(provider.removeVm({ zone: zoneOne, vm })).resolves.toBeUndefined();
  });

  it('restores a whole VM', async () => {
    const point = await provider.takeBackup({ zone: zoneOne, vm });
    await expect(
      provider.restoreVm({ zone: zoneOne, vm, backup: backupOf(vm, point!.externalId) }),
    ).resolves.toBeUndefined();
  });

  it('restores a volume, as CloudStack\'s current dummy, to a location named after the volume', async () => {
    const point = await provider.takeBackup({ zone: zoneOne, vm });
    const request = restoreVolumeRequest(vm, point!);

    const result = await provider.restoreVolume(request);

    expect(result.restoredLocation).toBe(`dummy-restored-${request.volume.uuid}-${stamp}`);
  });

  it('refuses to restore a volume with CloudStack\'s message in a zone set to the 4.14 dummy', async () => {
    context.setConfig(DUMMY_BEHAVIOR_KEY, '4.14', zoneOne);
    const point = await provider.takeBackup({ zone: zoneOne, vm });
    const error: unknown = await provider
      .restoreVolume(restoreVolumeRequest(vm, point!))
      .catch((e: unknown) => e);

    expect(isBackupError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'Dummy plugin does not support this feature',
    });
  });

  it('reports backup size 1000 and data size 100 for every VM given', async () => {
    const metrics = await provider.getMetrics(zoneOne, [vm, otherVm]);

    expect([...metrics.entries()]).toEqual([
      ['vm-uuid-1', { backupSize: 1000, dataSize: 100 }],
      ['vm-uuid-2', { backupSize: 1000, dataSize: 100 }],
    ]);
    expect((await provider.getMetrics(zoneOne, [])).size).toBe(0);
  });

  it('restarts its id sequence on dispose', async () => {
    await provider.takeBackup({ zone: zoneOne, vm });
    await provider.dispose?.();

    await expect(provider.takeBackup({ zone: zoneOne, vm })).resolves.toMatchObject({
      externalId: `dummy-vm-uuid-1-${stamp}-1`,
    });
  });
});

describe('dummy backup ids', () => {
  it('stay unique after a restart resets the provider memory', async () => {
    let now = new Date(FIXED_NOW);
    const context = createTestProviderContext(() => now);
    const vm = testVm('vm-uuid-1');
    const before = await new DummyBackupProvider(context).takeBackup({ zone: zoneOne, vm });

    now = new Date(FIXED_NOW.getTime() + 60_000);
    const after = await new DummyBackupProvider(context).takeBackup({ zone: zoneOne, vm });

    expect(after.externalId).not.toBe(before.externalId);
  });
});
