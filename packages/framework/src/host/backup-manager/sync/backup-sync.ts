import {
  type Metric,
  type RestorePoint,
  type VirtualMachine,
  type Zone,
} from '../../../domain/types';
import { type Repositories } from '../../ports';
import { type RegisteredProvider } from '../../provider-types';
import { BACKUP_CREATE_EVENT, SYSTEM_USER_ID, VIRTUAL_MACHINE_RESOURCE_TYPE } from '../event-types';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { notifyObserver } from '../observer';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { defaultBackupName } from '../resource-names';
import { type SyncOptions, type SyncReport } from '../types';
import { planReconciliation, type ReconciliationPlan } from './plan-reconciliation';
import { backupUsageEvent, recordBackupUsage } from './record-backup-usage';
import { addTo, emptyTally, type SyncTally } from './sync-tally';
import { ZoneFeedSync } from './zone-feed-sync';

type VmOutcome =
  | { readonly kind: 'synced'; readonly created: number; readonly removed: number }
  | { readonly kind: 'skipped' };

type ListRestorePoints = (vm: VirtualMachine) => Promise<readonly RestorePoint[]>;

const UNCHANGED: VmOutcome = { kind: 'synced', created: 0, removed: 0 };

/**
 * The background sync (spec §7.1): per enabled zone, pages through the protected VMs (keyset, a
 * batch at a time, so tens of thousands of VMs never sit in memory at once), asks the provider for
 * their metrics per batch, reconciles each VM's restore points with its backup rows and records the
 * usage metric. A VM that fails is logged and counted; the others go on.
 *
 * @remarks
 * A provider without `listRestorePoints` records every backup through `takeBackup` (CloudStack's
 * dummy, whose `syncBackups` does nothing): its VMs' rows are left alone and only the usage metric
 * is recorded. Such a provider has no lasting list to reconcile with (the dummy's memory is empty
 * after a restart), and reconciling anyway would remove backups users still have.
 *
 * Provider calls run outside any transaction, bounded by `backup.framework.timeout.metrics` and
 * `.restorepoints`. A VM guarded by a backup operation is skipped (the next run picks it up), so a
 * backup being taken can neither be recorded twice nor be removed as "vanished".
 */
export class BackupSync {
  constructor(private readonly context: ManagerContext, private readonly batchSize: number) {}

  async syncAllZones(options: SyncOptions = {}): Promise<SyncReport> {
    const total = emptyTally();
    for (const zone of await this.context.repositories.zones.listActive()) {
      if (!(await mayContinue(options))) break;
      addTo(total, await this.syncZone(zone, options));
    }
    return total;
  }

  async syncZone(zone: Zone, options: SyncOptions = {}): Promise<SyncReport> {
    const tally = emptyTally();
    const started = this.context.clock.now().getTime();
    let providerName: string | undefined;
    let aborted = false;
    try {
      if (!(await this.context.zones.isEnabled(zone.id))) return tally;
      const provider = await this.context.zones.findProvider(zone);
      if (provider === undefined) {
        this.context.logger.warn(Messages.providerUnavailableForZone(zone.uuid), { zone: zone.uuid });
        return tally;
      }
      providerName = provider.name;
      tally.zones = 1;
      await this.syncProtectedVms(zone, provider, tally, options);
    } catch (error) {
      aborted = true;
      this.context.logger.error('Error trying to run backup-sync background task', {
        zone: zone.uuid,
        error: describeError(error),
      });
    } finally {
      this.observeZone(zone, providerName, tally, aborted, started);
    }
    return tally;
  }

  private observeZone(zone: Zone, provider: string | undefined, tally: SyncTally, aborted: boolean, started: number): void {
    const onZoneSynced = this.context.observer.onZoneSynced?.bind(this.context.observer);
    if (onZoneSynced === undefined) return;
    const durationMs = Math.max(0, this.context.clock.now().getTime() - started);
    const report = { ...tally };
    notifyObserver(() =>
      onZoneSynced({ zone: zone.uuid, ...(provider === undefined ? {} : { provider }), report, aborted, durationMs }),
    );
  }

  private async syncProtectedVms(
    zone: Zone,
    provider: RegisteredProvider,
    tally: SyncTally,
    options: SyncOptions,
  ): Promise<void> {
    const listRestorePoints = this.restorePointLister(zone, provider, options);
    if (listRestorePoints !== undefined && provider.capabilities.zoneRestorePoints) {
      await new ZoneFeedSync(this.context).run(zone, provider, tally, options, (vm) => this.reconcileVm(listRestorePoints, vm, undefined).then(countsOf), () => mayContinue(options));
      await this.recordUsageInBatches(zone, provider, tally, options);
      return;
    }
    if (listRestorePoints === undefined) {
      // Nothing to reconcile (the rows stay as takeBackup and deleteBackup left them): only usage,
      // one multi-row statement per batch rather than one insert per VM.
      await this.recordUsageInBatches(zone, provider, tally, options);
      return;
    }
    let afterId: string | undefined;
    while (await mayContinue(options)) {
      const batch = await this.context.repositories.vms.listProtected(
        zone.id,
        afterId,
        this.batchSize,
      );
      if (batch.length === 0) return;
      const metrics = await this.fetchMetrics(zone, provider, batch, options);
      for (const vm of batch) {
        if (options.signal?.aborted === true) return;
        tally.vms += 1;
        const metric = metrics.get(vm.uuid);
        const outcome = await this.syncVmSafely(zone, provider, vm, () =>
          this.reconcileVm(listRestorePoints, vm, metric),
        );
        if (outcome === undefined) {
          tally.failed += 1;
        } else if (outcome.kind === 'skipped') {
          tally.skipped += 1;
        } else {
          tally.created += outcome.created;
          tally.removed += outcome.removed;
        }
      }
      afterId = batch[batch.length - 1]?.id;
      if (batch.length < this.batchSize) return;
    }
  }

  /**
   * With a zone feed the rows are already reconciled: per batch of protected VMs, only their metrics,
   * recorded as usage in one multi-row statement.
   */
  private async recordUsageInBatches(
    zone: Zone,
    provider: RegisteredProvider,
    tally: SyncTally,
    options: SyncOptions,
  ): Promise<void> {
    let afterId: string | undefined;
    while (await mayContinue(options)) {
      const batch = await this.context.repositories.vms.listProtected(zone.id, afterId, this.batchSize);
      if (batch.length === 0) return;
      tally.vms += batch.length;
      const metrics = await this.fetchMetrics(zone, provider, batch, options);
      const measured = batch.filter((vm) => metrics.has(vm.uuid) && vm.backupPolicyId !== undefined);
      if (measured.length > 0) await this.recordUsages(zone, provider, measured, metrics, tally);
      afterId = batch[batch.length - 1]?.id;
      if (batch.length < this.batchSize) return;
    }
  }

  /**
   * The batch's usage in one multi-row statement. Should that fail, each VM's alone, so that one VM
   * whose usage cannot be written costs only its own (counted as failed and logged), as before.
   */
  private async recordUsages(
    zone: Zone,
    provider: RegisteredProvider,
    measured: readonly VirtualMachine[],
    metrics: ReadonlyMap<string, Metric>,
    tally: SyncTally,
  ): Promise<void> {
    const events = this.context.repositories.events;
    const usageOf = (vm: VirtualMachine) => backupUsageEvent(vm, vm.backupPolicyId!, metrics.get(vm.uuid)!);
    try {
      await events.usages(measured.map(usageOf));
      return;
    } catch {
      // Fall back to one VM at a time below.
    }
    for (const vm of measured) {
      const outcome = await this.syncVmSafely(zone, provider, vm, () => events.usage(usageOf(vm)).then(() => UNCHANGED));
      if (outcome === undefined) tally.failed += 1;
    }
  }

  /** The provider's `listRestorePoints` for the zone, bounded in time; undefined when it has none. */
  private restorePointLister(
    zone: Zone,
    provider: RegisteredProvider,
    options: SyncOptions,
  ): ListRestorePoints | undefined {
    const list = provider.instance.listRestorePoints?.bind(provider.instance);
    if (list === undefined || !provider.capabilities.listRestorePoints) return undefined;
    return async (vm) => {
      const budget = await this.context.providerCalls.budget('restorepoints', zone);
      return this.context.providerCalls.run(provider, budget, callOptionsOf(options), (callOptions) =>
        list({ zone, vm, ...callOptions }),
      );
    };
  }

  /** Metrics keyed by VM uuid; a provider failure costs this batch its usage records, not its reconcile. */
  private async fetchMetrics(
    zone: Zone,
    provider: RegisteredProvider,
    batch: readonly VirtualMachine[],
    options: SyncOptions,
  ): Promise<ReadonlyMap<string, Metric>> {
    try {
      const budget = await this.context.providerCalls.budget('metrics', zone);
      return await this.context.providerCalls.run(provider, budget, callOptionsOf(options), (callOptions) =>
        provider.instance.getMetrics(zone, batch, callOptions),
      );
    } catch (error) {
      this.context.logger.warn('Failed to get backup metrics from the provider', {
        provider: provider.name,
        zone: zone.uuid,
        vms: batch.length,
        error: describeError(error),
      });
      return new Map();
    }
  }

  /** The VM's outcome, or undefined when it failed (logged). */
  private async syncVmSafely(
    zone: Zone,
    provider: RegisteredProvider,
    vm: VirtualMachine,
    sync: () => Promise<VmOutcome>,
  ): Promise<VmOutcome | undefined> {
    try {
      return await sync();
    } catch (error) {
      this.context.logger.warn('Failed to sync the backups of a VM', {
        provider: provider.name,
        zone: zone.uuid,
        vm: vm.uuid,
        error: describeError(error),
      });
      return undefined;
    }
  }

  /**
   * Lists the VM's restore points (no transaction open), then reconciles them with its rows in one
   * short transaction, unless a backup operation holds the VM by then.
   */
  private async reconcileVm(
    listRestorePoints: ListRestorePoints,
    listed: VirtualMachine,
    metric: Metric | undefined,
  ): Promise<VmOutcome> {
    if ((await this.context.repositories.operations.findByVm(listed.id)) !== undefined) return SKIPPED;
    const points = await listRestorePoints(listed);
    return this.context.transactions.run(async (tx) => {
      if ((await tx.operations.findByVm(listed.id)) !== undefined) return SKIPPED;
      const vm = await tx.vms.findById(listed.id);
      const policyId = vm?.backupPolicyId;
      // Removed or unassigned since the batch was read: nothing to sync any more.
      if (vm === undefined || policyId === undefined) return UNCHANGED;
      const rows = await tx.backups.listActiveByVm(vm.id);
      const plan = planReconciliation(points, rows, metric);
      await this.apply(tx, vm, policyId, plan);
      if (metric !== undefined) await recordBackupUsage(tx.events, vm, policyId, metric);
      return { kind: 'synced', created: plan.toCreate.length, removed: plan.toRemove.length };
    });
  }

  private async apply(
    tx: Repositories,
    vm: VirtualMachine,
    policyId: string,
    plan: ReconciliationPlan,
  ): Promise<void> {
    for (const { point, sizes } of plan.toCreate) {
      const backup = await tx.backups.insert({
        vmId: vm.id,
        name: defaultBackupName(vm.name, point.created),
        externalId: point.externalId,
        type: point.type,
        date: point.created,
        size: sizes.size,
        protectedSize: sizes.protectedSize,
        status: 'BackedUp',
        policyId,
        accountId: vm.accountId,
        domainId: vm.domainId,
        zoneId: vm.zoneId,
        volumes: vm.backupVolumes ?? [],
      });
      await tx.events.action({
        type: BACKUP_CREATE_EVENT,
        state: 'Completed',
        level: 'INFO',
        description: `Created backup ${backup.uuid} for VM ID: ${vm.uuid}`,
        userId: SYSTEM_USER_ID,
        accountId: vm.accountId,
        domainId: vm.domainId,
        resourceType: VIRTUAL_MACHINE_RESOURCE_TYPE,
        resourceId: vm.id,
      });
    }
    if (plan.toRemove.length > 0) {
      await tx.backups.markRemoved(
        plan.toRemove.map((backup) => backup.id),
        this.context.clock.now(),
      );
    }
    for (const { backup, sizes } of plan.toResize) {
      await tx.backups.updateSizes(backup.id, sizes.size, sizes.protectedSize);
    }
  }
}

const SKIPPED: VmOutcome = { kind: 'skipped' };

function countsOf(outcome: VmOutcome): { created: number; removed: number } | 'skipped' {
  return outcome.kind === 'skipped' ? 'skipped' : { created: outcome.created, removed: outcome.removed };
}

async function mayContinue(options: SyncOptions): Promise<boolean> {
  if (options.signal?.aborted === true) return false;
  return options.shouldContinue === undefined ? true : options.shouldContinue();
}

function callOptionsOf(options: SyncOptions): OperationOptions {
  return options.signal === undefined ? {} : { signal: options.signal };
}
