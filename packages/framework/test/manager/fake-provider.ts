import {
  type AssignVmRequest,
  type AssignVmResult,
  type BackupProvider,
  type BackupRequest,
  type CreateVmFromBackupRequest,
  type DeclaredProviderCapabilities,
  type ProviderCallOptions,
  type Metric,
  type ProviderPolicy,
  type RestorePoint,
  type RestoreVolumeRequest,
  type RestoreVolumeResult,
  type VirtualMachine,
  type ZoneRestorePointsPage,
  type ZoneRestorePointsRequest,
  type VmRequest,
  type Zone,
} from '../../src';

export type FakeMethod =
  | 'listPolicies'
  | 'isValidPolicy'
  | 'assignVm'
  | 'removeVm'
  | 'takeBackup'
  | 'deleteBackup'
  | 'restoreVm'
  | 'restoreVolume'
  | 'createVmFromBackup'
  | 'getMetrics'
  | 'listRestorePoints';

/** A provider for manager tests: scripted answers, a call log and failure / hold switches. */
export class FakeProvider implements BackupProvider {
  catalogue: ProviderPolicy[] = [
    { externalId: 'gold', name: 'Gold', description: 'Gold policy' },
    { externalId: 'silver', name: 'Silver', description: 'Silver policy' },
  ];
  validExternalIds = new Set(['gold', 'silver', 'bronze']);
  deletesBackupsOnRemoval = false;
  assignedExternalId: string | undefined = 'fake-job';
  /** What `takeBackup` returns. */
  nextRestorePoint: RestorePoint | undefined;
  /** Restore points per VM uuid. */
  restorePoints = new Map<string, RestorePoint[]>();
  /** Metric per VM uuid; VMs without one are left out of `getMetrics`. */
  metrics = new Map<string, Metric>();
  defaultMetric: Metric | undefined = { backupSize: 1000, dataSize: 100 };
  restoredLocation = 'restored-disk-1';
  /** VM uuids whose `listRestorePoints` throws. */
  failingRestorePointVms = new Set<string>();
  readonly calls: { method: FakeMethod; request: unknown; options: ProviderCallOptions }[] = [];
  /** What the provider declares it can do; the contract 1.0 meaning when left unset. */
  capabilities: DeclaredProviderCapabilities | undefined;
  /** Sizes of the batches `getMetrics` received. */
  readonly metricBatchSizes: number[] = [];

  private readonly failures = new Map<FakeMethod, unknown>();
  private readonly hanging = new Set<FakeMethod>();
  private readonly holds = new Map<
    FakeMethod,
    { released: Promise<void>; signalReached: () => void }
  >();

  /** Makes every later call of `method` throw `error`. */
  failWith(method: FakeMethod, error: unknown): void {
    this.failures.set(method, error);
  }

  /** Undoes {@link failWith}: `method` (or every method) answers normally again. */
  recover(method?: FakeMethod): void {
    if (method === undefined) this.failures.clear();
    else this.failures.delete(method);
  }

  /**
   * Makes the next call of `method` wait until `release()`; `reached` resolves once the call is
   * waiting, i.e. once the manager is inside its transaction.
   */
  hold(method: FakeMethod): { release: () => void; reached: Promise<void> } {
    let release!: () => void;
    let signalReached!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (signalReached = resolve));
    this.holds.set(method, { released, signalReached });
    return { release, reached };
  }

  /** The requests `method` received, without the call options (see {@link optionsOf}). */
  callsOf(method: FakeMethod): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request);
  }

  /** The call options (signal, deadline, progress) `method` received, one per call. */
  optionsOf(method: FakeMethod): ProviderCallOptions[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.options);
  }

  /** Makes every later call of `method` never settle, ignoring its abort signal. */
  hang(method: FakeMethod): void {
    this.hanging.add(method);
  }

  listPolicies(zone: Zone, options?: ProviderCallOptions): Promise<readonly ProviderPolicy[]> {
    return this.call('listPolicies', { zone, ...options }, () => [...this.catalogue]);
  }

  isValidPolicy(zone: Zone, externalId: string, options?: ProviderCallOptions): Promise<boolean> {
    return this.call('isValidPolicy', { zone, externalId, ...options }, () =>
      this.validExternalIds.has(externalId),
    );
  }

  assignVm(request: AssignVmRequest): Promise<AssignVmResult> {
    return this.call('assignVm', request, () =>
      this.assignedExternalId === undefined ? {} : { externalId: this.assignedExternalId },
    );
  }

  removeVm(request: VmRequest): Promise<void> {
    return this.call('removeVm', request, () => undefined);
  }

  willDeleteBackupsOnPolicyRemoval(_zone: Zone): boolean {
    return this.deletesBackupsOnRemoval;
  }

  takeBackup(request: VmRequest): Promise<RestorePoint | undefined> {
    return this.call('takeBackup', request, () => this.nextRestorePoint);
  }

  deleteBackup(request: BackupRequest & { readonly forced: boolean }): Promise<void> {
    return this.call('deleteBackup', request, () => undefined);
  }

  restoreVm(request: BackupRequest): Promise<void> {
    return this.call('restoreVm', request, () => undefined);
  }

  restoreVolume(request: RestoreVolumeRequest): Promise<RestoreVolumeResult> {
    return this.call('restoreVolume', request, () => ({ restoredLocation: this.restoredLocation }));
  }

  createVmFromBackup(request: CreateVmFromBackupRequest): Promise<void> {
    return this.call('createVmFromBackup', request, () => undefined);
  }

  getMetrics(
    zone: Zone,
    vms: readonly VirtualMachine[],
    options?: ProviderCallOptions,
  ): Promise<ReadonlyMap<string, Metric>> {
    this.metricBatchSizes.push(vms.length);
    return this.call('getMetrics', { zone, vms, ...options }, () => {
      const result = new Map<string, Metric>();
      for (const vm of vms) {
        const metric = this.metrics.get(vm.uuid) ?? this.defaultMetric;
        if (metric !== undefined) result.set(vm.uuid, metric);
      }
      return result;
    });
  }

  listRestorePoints(request: VmRequest): Promise<readonly RestorePoint[]> {
    return this.call('listRestorePoints', request, () => {
      if (this.failingRestorePointVms.has(request.vm.uuid)) {
        throw new Error(`vendor exploded for ${request.vm.uuid}`);
      }
      return [...(this.restorePoints.get(request.vm.uuid) ?? [])];
    });
  }

  private async call<T, R extends ProviderCallOptions>(
    method: FakeMethod,
    withOptions: R,
    answer: () => T,
  ): Promise<T> {
    const { signal, deadline, progress, ...request } = withOptions;
    const options = {
      ...(signal === undefined ? {} : { signal }),
      ...(deadline === undefined ? {} : { deadline }),
      ...(progress === undefined ? {} : { progress }),
    };
    // listPolicies takes the zone alone; the log keeps it that way.
    const logged = method === 'listPolicies' ? (request as { zone?: unknown }).zone : request;
    this.calls.push({ method, request: logged, options });
    if (this.hanging.has(method)) await new Promise<never>(() => undefined);
    const hold = this.holds.get(method);
    if (hold !== undefined) {
      this.holds.delete(method);
      hold.signalReached();
      await hold.released;
    }
    if (this.failures.has(method)) throw this.failures.get(method);
    return answer();
  }
}

/**
 * `provider` as a provider that does not implement `listRestorePoints` (as the dummy), while the
 * test keeps scripting it and reading its call log through the original object.
 */
export function withoutRestorePointListing(provider: FakeProvider): BackupProvider {
  return new Proxy(provider, {
    get: (target, property, receiver) =>
      property === 'listRestorePoints' ? undefined : Reflect.get(target, property, receiver),
    has: (target, property) => property !== 'listRestorePoints' && Reflect.has(target, property),
  });
}

/**
 * `provider` with a zone-wide restore-point feed answered by `feed` (contract 1.1
 * `listZoneRestorePoints`), while the test keeps scripting it through the original object.
 */
export function withZoneFeed(
  provider: BackupProvider,
  feed: (request: ZoneRestorePointsRequest) => Promise<ZoneRestorePointsPage>,
): BackupProvider {
  return new Proxy(provider, {
    get: (target, property, receiver) =>
      property === 'listZoneRestorePoints' ? feed : Reflect.get(target, property, receiver),
    has: (target, property) => property === 'listZoneRestorePoints' || Reflect.has(target, property),
  });
}
