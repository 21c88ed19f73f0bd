import { BackupManager } from '../../src/host';
import {
  AllowOwnerAccessChecker,
  FixedClock,
  RecordingLogger,
  StaticProviderLookup,
} from '../../src/testing';
import { FakeProvider } from './fake-provider';
import {
  alice,
  createFixture,
  ENABLED,
  expectBackupError,
  PROVIDER,
  rootAdmin,
} from './manager-fixture';

const DISABLED = 'Backup and Recovery feature is disabled for the zone';

describe('BackupManager zone gating', () => {
  it('refuses every zone-scoped call in a zone where the framework is disabled', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    const vm = f.addVm('10');
    await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
    f.provider.nextRestorePoint = {
      externalId: 'rp-1',
      created: new Date('2020-03-01T00:00:00Z'),
      type: 'FULL',
    };
    const backup = await f.manager.createBackup(alice, { vmId: vm.id });
    f.store.updateVm(vm.id, { state: 'Stopped' });

    const callsBefore = f.provider.calls.length;
    f.store.config.set(ENABLED, 'false', '1');

    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '1'),
      'ZONE_DISABLED',
      DISABLED,
    );
    await expectBackupError(f.importPolicy('silver', '1'), 'ZONE_DISABLED', DISABLED);
    await expectBackupError(f.manager.createBackup(alice, { vmId: vm.id }), 'ZONE_DISABLED', DISABLED);
    await expectBackupError(f.manager.restoreBackup(alice, backup!.id), 'ZONE_DISABLED', DISABLED);
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, {
        backupId: backup!.id,
        volumeUuid: 'root-10',
        vmId: vm.id,
      }),
      'ZONE_DISABLED',
      DISABLED,
    );
    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: backup!.id }),
      'ZONE_DISABLED',
      DISABLED,
    );
    await expectBackupError(
      f.manager.removeVmFromPolicy(alice, { vmId: vm.id, forced: true }),
      'ZONE_DISABLED',
      DISABLED,
    );
    const other = f.addVm('11');
    await expectBackupError(
      f.manager.assignPolicy(alice, { vmId: other.id, policyId: policy.id }),
      'ZONE_DISABLED',
      DISABLED,
    );
    expect(f.provider.calls).toHaveLength(callsBefore);
  });

  it('refuses deleting a policy of a disabled zone', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.store.config.set(ENABLED, 'false', '1');
    await expectBackupError(
      f.manager.deletePolicy(rootAdmin, policy.id),
      'ZONE_DISABLED',
      DISABLED,
    );
  });

  it('falls back to the global value when the zone has none, and a zone value overrides it', async () => {
    const f = createFixture();
    // Zone 3 has no value of its own and the global default is false.
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '3'),
      'ZONE_DISABLED',
      DISABLED,
    );

    f.store.config.set(ENABLED, 'true');
    await expect(f.manager.listExternalPolicies(rootAdmin, '3')).resolves.toHaveLength(2);

    f.store.config.set(ENABLED, 'false', '3');
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '3'),
      'ZONE_DISABLED',
      DISABLED,
    );
  });

  it('accepts only the value true (any case) as enabled', async () => {
    const f = createFixture();
    f.store.config.set(ENABLED, 'yes', '3');
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '3'),
      'ZONE_DISABLED',
      DISABLED,
    );
    f.store.config.set(ENABLED, 'TRUE', '3');
    await expect(f.manager.listExternalPolicies(rootAdmin, '3')).resolves.toHaveLength(2);
  });

  it('reports an unknown zone once the gate lets it through', async () => {
    const f = createFixture();
    f.store.config.set(ENABLED, 'true');
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '99'),
      'INVALID_PARAMETER',
      'Invalid zone ID passed',
    );
  });

  it('uses the provider the zone names and reports an empty or unknown one', async () => {
    const f = createFixture();
    f.store.config.set(PROVIDER, '', '1');
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '1'),
      'INVALID_PARAMETER',
      'Invalid backup provider name provided',
    );
    f.store.config.set(PROVIDER, 'veeam', '1');
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '1'),
      'PROVIDER_NOT_FOUND',
      'Failed to find backup provider by the name: veeam',
    );
    // Zone 2 still uses the global value.
    await expect(f.manager.listExternalPolicies(rootAdmin, '2')).resolves.toHaveLength(2);
  });

  it('picks, per zone, between several registered providers', async () => {
    const f = createFixture();
    const other = new FakeProvider();
    other.catalogue = [{ externalId: 'x', name: 'X', description: 'only on other' }];
    const manager = new BackupManager({
      repositories: f.store,
      transactions: f.store,
      providers: new StaticProviderLookup([
        { name: 'fake', instance: f.provider },
        { name: 'other', instance: other },
      ]),
      access: new AllowOwnerAccessChecker(f.store),
      clock: new FixedClock(),
      logger: new RecordingLogger(),
    });
    f.store.config.set(PROVIDER, 'other', '2');
    await expect(manager.listExternalPolicies(rootAdmin, '1')).resolves.toHaveLength(2);
    await expect(manager.listExternalPolicies(rootAdmin, '2')).resolves.toEqual(other.catalogue);
  });
});

describe('BackupManager.listProviders', () => {
  it('lists registered providers by name and description, optionally one name', async () => {
    const f = createFixture();
    await expect(f.manager.listProviders(rootAdmin)).resolves.toEqual([
      { name: 'fake', description: 'Fake Backup Plugin' },
    ]);
    await expect(f.manager.listProviders(rootAdmin, 'fake')).resolves.toHaveLength(1);
    await expect(f.manager.listProviders(rootAdmin, 'veeam')).resolves.toEqual([]);
  });
});

describe('BackupManager.syncIntervalSeconds', () => {
  it('reads backup.framework.sync.interval and falls back to 300', async () => {
    const f = createFixture();
    await expect(f.manager.syncIntervalSeconds()).resolves.toBe(300);
    f.store.config.set('backup.framework.sync.interval', '60');
    await expect(f.manager.syncIntervalSeconds()).resolves.toBe(60);
    f.store.config.set('backup.framework.sync.interval', 'soon');
    await expect(f.manager.syncIntervalSeconds()).resolves.toBe(300);
  });
});
