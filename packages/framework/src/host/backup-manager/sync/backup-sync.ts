import { type VmRequest } from '../../../contract/backup-provider';
import {
  type Metric,
  type RestorePoint,
  type VirtualMachine,
  type Zone,
} from '../../../domain/types';
import { isBackupError } from '../../../errors/backup-error';
import { type Repositories } from '../../ports';
import { type RegisteredProvider } from '../../provider-types';
import { BACKUP_CREATE_EVENT, SYSTEM_USER_ID, VIRTUAL_MACHINE_RESOURCE_TYPE } from '../event-types';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type SyncReport } from '../types';
import { planReconciliation } from './plan-reconciliation';
import { recordBackupUsage } from './record-backup-usage';
import { addTo, emptyTally, type SyncTally } from './sync-tally';

type VmOutcome =
  | { readonly kind: 'synced'; readonly created: number; readonly removed: number }
  | { readonly kind: 'skipped' };

type ListRestorePoints = (request: VmRequest) => Promise<readonly RestorePoint[]>;

const UNCHANGED: VmOutcome = { kind: 'synced', created: 0, removed: 0 };

/**
 * The background sync (spec §7.1): per enabled zone, pages through the protected VMs (keyset, a
 * batch at a time, so tens of thousands of VMs never sit in memory at once), asks the provider for
 * their metrics per batch, reconciles each VM's restore points with its backup rows and records the
 * usage metric. A VM that fails is logged and counted; the others go on.
 *
 * @remarks
 * A provider without `listRestorePoints` records every backup through `takeBackup` (CloudStack's
 * dummy, whose `syncBackups` does nothing): its VMs' rows are left alone, with no VM lock taken,
 * and only the usage metric is recorded. Such a provider has no lasting list to reconcile with (the
 * dummy's memory is empty after a restart), and reconciling anyway would remove backups users
 * still have.
 */
export class BackupSync {
  constructor(private readonly context: ManagerContext, private readonly batchSize: number) {}

  async syncAllZones(): Promise<SyncReport> {
    const total = emptyTally();
    for (const zone of await this.context.repositories.zones.listActive()) {
      addTo(total, await this.syncZone(zone));
    }
    return total;
  }

  async syncZone(zone: Zone): Promise<SyncReport> {
    const tally = emptyTally();
    try {
      if (!(await this.context.zones.isEnabled(zone.id))) return tally;
      const provider = await this.context.zones.findProvider(zone);
      if (provider === undefined) {
        this.context.logger.warn(Messages.providerUnavailableForZone(zone.id), { zone: zone.uuid });
        return tally;
      }
      tally.zones = 1;
      await this.syncProtectedVms(zone, provider, tally);
    } catch (error) {
      this.context.logger.error('Error trying to run backup-sync background task', {
        zone: zone.uuid,
        error: describeError(error),
      });
    }
    return tally;
  }

  private async syncProtectedVms(
    zone: Zone,
    provider: RegisteredProvider,
    tally: SyncTally,
  ): Promise<void> {
    const listRestorePoints: ListRestorePoints | undefined =
      provider.instance.listRestorePoints?.bind(provider.instance);
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.context.repositories.vms.listProtected(
        zone.id,
        afterId,
        this.batchSize,
      );
      if (batch.length === 0) return;
      const metrics = await this.fetchMetrics(zone, provider, batch);
      for (const vm of batch) {
        tally.vms += 1;
        const metric = metrics.get(vm.uuid);
        const outcome = await this.syncVmSafely(zone, provider, vm, () =>
          this.syncVm(zone, listRestorePoints, vm, metric),
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

  /** Metrics keyed by VM uuid; a provider failure costs this batch its usage records, not its reconcile. */
  private async fetchMetrics(
    zone: Zone,
    provider: RegisteredProvider,
    batch: readonly VirtualMachine[],
  ): Promise<ReadonlyMap<string, Metric>> {
    try {
      return await provider.instance.getMetrics(zone, batch);
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
      if (isBackupError(error) && error.code === 'OPERATION_IN_PROGRESS') {
        this.context.logger.debug('VM busy with another backup operation; sync skipped', {
          zone: zone.uuid,
          vm: vm.uuid,
        });
        return { kind: 'skipped' };
      }
      this.context.logger.warn('Failed to sync the backups of a VM', {
        provider: provider.name,
        zone: zone.uuid,
        vm: vm.uuid,
        error: describeError(error),
      });
      return undefined;
    }
  }

  /** Reconciles when the provider lists restore points; otherwise only records usage. */
  private syncVm(
    zone: Zone,
    listRestorePoints: ListRestorePoints | undefined,
    vm: VirtualMachine,
    metric: Metric | undefined,
  ): Promise<VmOutcome> {
    if (listRestorePoints === undefined) return this.recordUsageOnly(vm, metric);
    return this.context.transactions.run((tx) =>
      this.reconcileVm(tx, zone, listRestorePoints, vm, metric),
    );
  }

  /**
   * For providers without restore-point listing: the rows stay as `takeBackup` and `deleteBackup`
   * left them. No lock: nothing here can race a backup operation on the VM.
   */
  private async recordUsageOnly(
    vm: VirtualMachine,
    metric: Metric | undefined,
  ): Promise<VmOutcome> {
    if (metric !== undefined && vm.backupPolicyId !== undefined) {
      await recordBackupUsage(this.context.repositories.events, vm, vm.backupPolicyId, metric);
    }
    return UNCHANGED;
  }

  /**
   * Holds the VM while it lists and reconciles, so a backup taken meanwhile can neither be recorded
   * twice nor be removed as "vanished".
   */
  private async reconcileVm(
    tx: Repositories,
    zone: Zone,
    listRestorePoints: ListRestorePoints,
    listed: VirtualMachine,
    metric: Metric | undefined,
  ): Promise<VmOutcome> {
    await tx.vms.lockForBackupOperation(listed.id);
    const vm = await tx.vms.findById(listed.id);
    const policyId = vm?.backupPolicyId;
    // Removed or unassigned since the batch was read: nothing to sync any more.
    if (vm === undefined || policyId === undefined) return UNCHANGED;

    const points = await listRestorePoints({ zone, vm });
    const rows = await tx.backups.listActiveByVm(vm.id);
    const plan = planReconciliation(points, rows, metric);

    for (const { point, sizes } of plan.toCreate) {
      const backup = await tx.backups.insert({
        vmId: vm.id,
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
    if (metric !== undefined) await recordBackupUsage(tx.events, vm, policyId, metric);
    return { kind: 'synced', created: plan.toCreate.length, removed: plan.toRemove.length };
  }
}
