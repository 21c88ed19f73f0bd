import { BackupManager, type BackupPolicyView, type BackupScheduleRepository, type Caller } from '../../src/host';
import {
  AllowOwnerAccessChecker,
  createInMemoryRepositories,
  FixedClock,
  RecordingLogger,
  StaticProviderLookup,
} from '../../src/testing';
import {
  type BackupErrorCode,
  type BackupProvider,
  type DeclaredProviderCapabilities,
  isBackupError,
  type VirtualMachine,
  type VmState,
} from '../../src';
import { type ZoneRestorePointsPage, type ZoneRestorePointsRequest } from '../../src';
import { FakeProvider, withoutRestorePointListing, withZoneFeed } from './fake-provider';

function withFeed(
  provider: BackupProvider,
  feed: ((request: ZoneRestorePointsRequest) => Promise<ZoneRestorePointsPage>) | undefined,
): BackupProvider {
  return feed === undefined ? provider : withZoneFeed(provider, feed);
}

export const ENABLED = 'backup.framework.enabled';
export const PROVIDER = 'backup.framework.provider.plugin';

/** ROOT admin. */
export const rootAdmin: Caller = {
  userId: '1',
  accountId: '1',
  accountName: 'admin',
  domainId: '1',
  domainPath: '/',
  roleType: 'Admin',
};
/** A user of /sales/emea/. */
export const alice: Caller = {
  userId: '2',
  accountId: '2',
  accountName: 'alice',
  domainId: '3',
  domainPath: '/sales/emea/',
  roleType: 'User',
};
/** A user of /ops/. */
export const bob: Caller = {
  userId: '3',
  accountId: '3',
  accountName: 'bob',
  domainId: '4',
  domainPath: '/ops/',
  roleType: 'User',
};
/** Domain admin of /sales/ (alice's parent domain). */
export const salesAdmin: Caller = {
  userId: '4',
  accountId: '4',
  accountName: 'sales-admin',
  domainId: '2',
  domainPath: '/sales/',
  roleType: 'DomainAdmin',
};
/** Domain admin of /ops/. */
export const opsAdmin: Caller = {
  userId: '5',
  accountId: '5',
  accountName: 'ops-admin',
  domainId: '4',
  domainPath: '/ops/',
  roleType: 'DomainAdmin',
};

/**
 * A manager over in-memory ports: zones 1 and 2 enabled with provider `fake`, zone 3 disabled;
 * domains ROOT, /sales/, /sales/emea/, /ops/. With `listsRestorePoints: false` the registered
 * provider has no `listRestorePoints`, as the dummy.
 */
export function createFixture(
  options: {
    syncBatchSize?: number;
    listsRestorePoints?: boolean;
    capabilities?: DeclaredProviderCapabilities;
    managementServerId?: string;
    /** Gives the provider a zone-wide restore-point feed (contract 1.1). */
    zoneFeed?: (request: ZoneRestorePointsRequest) => Promise<ZoneRestorePointsPage>;
    /** Where backup schedules live (the manager refuses schedule calls without). */
    schedules?: BackupScheduleRepository;
  } = {},
) {
  const store = createInMemoryRepositories(
    options.managementServerId === undefined ? {} : { managementServerId: options.managementServerId },
  );
  store.addDomain({ id: '1', name: 'ROOT', path: '/' });
  store.addDomain({ id: '2', name: 'sales', path: '/sales/' });
  store.addDomain({ id: '3', name: 'emea', path: '/sales/emea/' });
  store.addDomain({ id: '4', name: 'ops', path: '/ops/' });
  for (const caller of [rootAdmin, alice, bob, salesAdmin, opsAdmin]) {
    store.addAccount({ id: caller.accountId, name: caller.accountName, domainId: caller.domainId });
  }
  const zone1 = store.addZone({ id: '1', name: 'zone1' });
  const zone2 = store.addZone({ id: '2', name: 'zone2' });
  const zone3 = store.addZone({ id: '3', name: 'zone3' });
  store.config.set(PROVIDER, 'fake');
  store.config.set(ENABLED, 'true', '1');
  store.config.set(ENABLED, 'true', '2');

  const provider = new FakeProvider();
  provider.capabilities = options.capabilities;
  const providers = new StaticProviderLookup([
    {
      name: 'fake',
      description: 'Fake Backup Plugin',
      instance: withFeed(
        options.listsRestorePoints === false ? withoutRestorePointListing(provider) : provider,
        options.zoneFeed,
      ),
    },
  ]);
  const clock = new FixedClock('2020-03-04T10:23:45Z');
  const logger = new RecordingLogger();
  const manager = new BackupManager({
    repositories: store,
    transactions: store,
    providers,
    access: new AllowOwnerAccessChecker(store),
    clock,
    logger,
    // Outcomes that cannot be recorded are retried at once: tests do not wait for backoff.
    outcomeRetryDelaysMs: [1],
    ...(options.syncBatchSize === undefined ? {} : { syncBatchSize: options.syncBatchSize }),
    ...(options.schedules === undefined ? {} : { schedules: options.schedules }),
  });

  /** A VM owned by `owner` (alice by default) in zone 1, with a ROOT and a DATADISK volume. */
  function addVm(
    id: string,
    vmOptions: { zoneId?: string; owner?: Caller; state?: VmState; hostIp?: string } = {},
  ): VirtualMachine {
    const owner = vmOptions.owner ?? alice;
    const vm = store.addVm({
      id,
      uuid: `vm-uuid-${id}`,
      name: `vm${id}`,
      zoneId: vmOptions.zoneId ?? '1',
      accountId: owner.accountId,
      domainId: owner.domainId,
      state: vmOptions.state ?? 'Running',
      ...(vmOptions.hostIp === undefined ? {} : { hostIp: vmOptions.hostIp }),
    });
    store.addVolume({
      vmId: id,
      uuid: `root-${id}`,
      type: 'ROOT',
      size: 8 * 1024 ** 3,
      path: `root-path-${id}`,
      deviceId: 0,
      poolUuid: `pool-${id}`,
    });
    store.addVolume({
      vmId: id,
      uuid: `data-${id}`,
      type: 'DATADISK',
      size: 20 * 1024 ** 3,
      path: `data-path-${id}`,
      deviceId: 1,
      poolUuid: `pool-${id}`,
    });
    return vm;
  }

  function importPolicy(
    externalId = 'gold',
    zoneId = '1',
    name?: string,
  ): Promise<BackupPolicyView> {
    return manager.importPolicy(rootAdmin, {
      zoneId,
      externalId,
      name: name ?? `${externalId}-${zoneId}`,
      description: `${externalId} policy`,
    });
  }

  return {
    store,
    provider,
    providers,
    clock,
    logger,
    manager,
    zone1,
    zone2,
    zone3,
    addVm,
    importPolicy,
  };
}

export type Fixture = ReturnType<typeof createFixture>;

/** Asserts that `promise` rejects with a BackupError of exactly this code and message. */
export async function expectBackupError(
  promise: Promise<unknown>,
  code: BackupErrorCode,
  message: string,
): Promise<void> {
  const error = await promise.then(
    () => new Error('expected a rejection, got a result'),
    (rejection: unknown) => rejection,
  );
  expect(isBackupError(error) ? { code: error.code, message: error.message } : error).toEqual({
    code,
    message,
  });
}
