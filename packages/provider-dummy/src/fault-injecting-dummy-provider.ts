import {
  type AssignVmRequest,
  type AssignVmResult,
  type BackupDeletionRequest,
  type BackupProvider,
  type BackupRequest,
  type CreateVmFromBackupRequest,
  type Metric,
  type ProviderCallOptions,
  type ProviderContext,
  type ProviderPolicy,
  type RestorePoint,
  type RestoreVolumeRequest,
  type RestoreVolumeResult,
  type TakeBackupRequest,
  type VirtualMachine,
  type VmRequest,
  type Zone,
} from '@csbr/framework';

import { type DummyBackupProvider } from './dummy-backup-provider';
import { type DummyOperation } from './dummy-operations';
import { type DummyFailure, type DummyProviderOptions } from './dummy-provider-options';
import { FailureSchedule } from './failure-schedule';
import { injectedFailure } from './injected-failure';
import { ZoneTestSettingsReader } from './zone-test-settings';

/**
 * The dummy provider with test hooks: latency and failures set in code (options, or
 * {@link FaultInjectingDummyProvider.injectFailure} at run time) or through the zone's
 * `backup.plugin.dummy.*` keys. With no options and the keys at their defaults it behaves exactly
 * as {@link DummyBackupProvider}.
 *
 * @remarks
 * Each call first waits (options latency plus the zone's configured latency), then fails if an
 * injected failure is armed for the operation (counting it against `times`), else if the zone's
 * key lists the operation, and otherwise runs the dummy. The wait ends early when the host aborts
 * the call (contract 1.1: deadline, cancellation), and reports progress while it lasts.
 * @public
 */
export class FaultInjectingDummyProvider implements BackupProvider {
  readonly name: string;
  readonly description: string;

  private readonly failures: FailureSchedule;
  private readonly latencyMs: number;
  private readonly zoneSettings: ZoneTestSettingsReader;

  constructor(
    private readonly dummy: DummyBackupProvider,
    private readonly context: ProviderContext,
    options: DummyProviderOptions = {},
  ) {
    const latencyMs = options.latencyMs ?? 0;
    if (!Number.isFinite(latencyMs) || latencyMs < 0) {
      throw new RangeError(`latencyMs must be a non-negative number, got ${String(latencyMs)}`);
    }
    this.name = dummy.name;
    this.description = dummy.description;
    this.latencyMs = latencyMs;
    this.failures = new FailureSchedule(options.failures);
    this.zoneSettings = new ZoneTestSettingsReader(context.config, context.logger);
  }

  /**
   * Makes `operation` fail (replacing what was injected for it before), `failure.times` times or
   * until {@link clearFailures}.
   * @throws TypeError for an unknown operation; RangeError for a bad `times`.
   */
  injectFailure(operation: DummyOperation, failure: DummyFailure = {}): void {
    this.failures.set(operation, failure);
  }

  /** Removes every failure injected in code (options included); configured ones stay. */
  clearFailures(): void {
    this.failures.clear();
  }

  listPolicies(zone: Zone, options?: ProviderCallOptions): Promise<readonly ProviderPolicy[]> {
    return this.run('listPolicies', zone, options, () => this.dummy.listPolicies(zone));
  }

  isValidPolicy(zone: Zone, externalId: string, options?: ProviderCallOptions): Promise<boolean> {
    return this.run('isValidPolicy', zone, options, () => this.dummy.isValidPolicy(zone, externalId));
  }

  assignVm(request: AssignVmRequest): Promise<AssignVmResult> {
    return this.run('assignVm', request.zone, request, () => this.dummy.assignVm(request));
  }

  removeVm(request: VmRequest): Promise<void> {
    return this.run('removeVm', request.zone, request, () => this.dummy.removeVm(request));
  }

  /** Reads the zone's behaviour; never delayed nor failed (it is a question, not an operation). */
  willDeleteBackupsOnPolicyRemoval(zone: Zone): Promise<boolean> {
    return this.dummy.willDeleteBackupsOnPolicyRemoval(zone);
  }

  createVmFromBackup(request: CreateVmFromBackupRequest): Promise<void> {
    return this.run('createVmFromBackup', request.zone, request, () => this.dummy.createVmFromBackup(request));
  }

  takeBackup(request: TakeBackupRequest): Promise<RestorePoint> {
    return this.run('takeBackup', request.zone, request, () => this.dummy.takeBackup(request));
  }

  deleteBackup(request: BackupDeletionRequest): Promise<void> {
    return this.run('deleteBackup', request.zone, request, () => this.dummy.deleteBackup(request));
  }

  restoreVm(request: BackupRequest): Promise<void> {
    return this.run('restoreVm', request.zone, request, () => this.dummy.restoreVm(request));
  }

  restoreVolume(request: RestoreVolumeRequest): Promise<RestoreVolumeResult> {
    return this.run('restoreVolume', request.zone, request, () => this.dummy.restoreVolume(request));
  }

  getMetrics(
    zone: Zone,
    vms: readonly VirtualMachine[],
    options?: ProviderCallOptions,
  ): Promise<ReadonlyMap<string, Metric>> {
    return this.run('getMetrics', zone, options, () => this.dummy.getMetrics(zone, vms));
  }

  async dispose(): Promise<void> {
    this.failures.clear();
    await this.dummy.dispose();
  }

  private async run<T>(
    operation: DummyOperation,
    zone: Zone,
    options: ProviderCallOptions | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    // A call the host already gave up on does nothing, as a vendor call would not start.
    if (options?.signal?.aborted === true) throw abortReason(options.signal);
    const settings = await this.zoneSettings.read(zone);
    const latencyMs = this.latencyMs + settings.latencyMs;
    if (latencyMs > 0) await waitWithProgress(latencyMs, options);
    const failure =
      this.failures.take(operation) ??
      (settings.failingOperations.has(operation) ? injectedFailure(operation) : undefined);
    if (failure !== undefined) {
      this.context.logger.info('dummy provider failing on purpose', {
        operation,
        zone: zone.uuid,
        code: failure.code,
      });
      throw failure;
    }
    return call();
  }
}

/** How often a long wait reports progress. */
const PROGRESS_STEP_MS = 1000;

/**
 * Waits `ms`, reporting progress every second, and gives up as soon as the host aborts the call
 * (rejecting with the abort's reason), as a vendor client that follows a session would.
 */
async function waitWithProgress(ms: number, options: ProviderCallOptions | undefined): Promise<void> {
  const signal = options?.signal;
  const started = Date.now();
  for (let waited = 0; waited < ms; waited = Date.now() - started) {
    options?.progress?.report((waited / ms) * 100);
    await abortableDelay(Math.min(PROGRESS_STEP_MS, ms - waited), signal);
  }
  options?.progress?.report(100);
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      if (signal !== undefined) reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The host's reason for aborting, as an Error (hosts abort with a `BackupError`). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The call was aborted');
}
