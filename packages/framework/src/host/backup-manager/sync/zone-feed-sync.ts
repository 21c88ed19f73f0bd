import { type ZoneRestorePoint, type ZoneRestorePointsPage } from '../../../contract/zone-restore-points';
import { type Backup, type VirtualMachine, type Zone } from '../../../domain/types';
import { type ActionEvent, type NewBackup } from '../../ports';
import { type RegisteredProvider } from '../../provider-types';
import { BACKUP_CREATE_EVENT, SYSTEM_USER_ID, VIRTUAL_MACHINE_RESOURCE_TYPE } from '../event-types';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { type OperationOptions } from '../operation-options';
import { type SyncOptions } from '../types';
import { type SyncTally } from './sync-tally';

/** What reconciling one VM with its full restore-point list did; undefined when it failed. */
export type VmReconcile = (vm: VirtualMachine) => Promise<{ created: number; removed: number } | 'skipped'>;

/**
 * Follows a provider's zone-wide restore-point feed (contract 1.1 `listZoneRestorePoints`): a
 * constant number of queries per page, whatever the number of VMs.
 * - A page's `points`: one query maps them to protected VMs, one finds the rows that exist, and one
 *   short transaction inserts the rest (multi-row) with their `BACKUP.CREATE` events. VMs a backup
 *   operation holds are left to it (and to the next pass).
 * - A page's `counts` (the provider's sweep): one query maps them to VMs, one counts their rows, and
 *   only the VMs whose counts differ are reconciled one by one with `listRestorePoints`.
 */
export class ZoneFeedSync {
  constructor(private readonly context: ManagerContext) {}

  async run(
    zone: Zone,
    provider: RegisteredProvider,
    tally: SyncTally,
    options: SyncOptions,
    reconcile: VmReconcile,
    mayContinue: () => Promise<boolean>,
  ): Promise<void> {
    const list = provider.instance.listZoneRestorePoints?.bind(provider.instance);
    if (list === undefined) return;
    let cursor: string | undefined;
    do {
      const budget = await this.context.providerCalls.budget('restorepoints', zone);
      const page: ZoneRestorePointsPage = await this.context.providerCalls.run(
        provider,
        budget,
        callOptionsOf(options),
        (callOptions) => list({ zone, ...(cursor === undefined ? {} : { cursor }), ...callOptions }),
      );
      if (page.points.length > 0) await this.recordPoints(zone, page.points, tally);
      if (page.counts !== undefined && page.counts.length > 0) {
        await this.reconcileCounts(zone, provider, page.counts, tally, reconcile);
      }
      cursor = page.cursor;
    } while (cursor !== undefined && (await mayContinue()));
  }

  private async recordPoints(zone: Zone, entries: readonly ZoneRestorePoint[], tally: SyncTally): Promise<void> {
    const { vms, backups } = this.context.repositories;
    const byUuid = new Map((await vms.listProtectedByUuids(zone.id, unique(entries.map((entry) => entry.vmUuid)))).map((vm) => [vm.uuid, vm]));
    const candidates = entries.flatMap((entry) => {
      const vm = byUuid.get(entry.vmUuid);
      return vm === undefined ? [] : [{ vm, point: entry.point }];
    });
    if (candidates.length === 0) return;
    const vmIds = unique(candidates.map((candidate) => candidate.vm.id));
    const externalIds = unique(candidates.map((candidate) => candidate.point.externalId));
    const recorded = await backups.listActiveExternalIds(vmIds, externalIds);
    const fresh = candidates.filter((candidate) => recorded.get(candidate.vm.id)?.has(candidate.point.externalId) !== true);
    if (fresh.length === 0) return;
    const outcome = await this.context.transactions.run(async (tx) => {
      // Checked again under the transaction: an operation or another writer may have come first.
      const ids = unique(fresh.map((candidate) => candidate.vm.id));
      const guarded = await tx.operations.listGuardedVmIds(ids);
      const current = await tx.backups.listActiveExternalIds(ids, unique(fresh.map((candidate) => candidate.point.externalId)));
      const seen = new Set<string>();
      const rows = fresh.filter(({ vm, point }) => {
        const key = `${vm.id}\u0000${point.externalId}`;
        if (guarded.has(vm.id) || current.get(vm.id)?.has(point.externalId) === true || seen.has(key)) return false;
        seen.add(key);
        return vm.backupPolicyId !== undefined;
      });
      const created = await tx.backups.insertMany(rows.map(({ vm, point }) => newRow(vm, point)));
      const uuidOf = new Map(rows.map(({ vm }) => [vm.id, vm.uuid]));
      await tx.events.actions(created.map((backup) => createdEvent(backup, uuidOf.get(backup.vmId) ?? backup.vmId)));
      return { created: created.length, skipped: guarded.size };
    });
    tally.created += outcome.created;
    tally.skipped += outcome.skipped;
  }

  private async reconcileCounts(
    zone: Zone,
    provider: RegisteredProvider,
    counts: NonNullable<ZoneRestorePointsPage['counts']>,
    tally: SyncTally,
    reconcile: VmReconcile,
  ): Promise<void> {
    const { vms, backups } = this.context.repositories;
    const held = new Map(counts.map((entry) => [entry.vmUuid, entry.count]));
    const listed = await vms.listProtectedByUuids(zone.id, [...held.keys()]);
    const local = await backups.countActiveByVms(listed.map((vm) => vm.id));
    for (const vm of listed) {
      if ((local.get(vm.id) ?? 0) === held.get(vm.uuid)) continue;
      try {
        const outcome = await reconcile(vm);
        if (outcome === 'skipped') {
          tally.skipped += 1;
        } else {
          tally.created += outcome.created;
          tally.removed += outcome.removed;
        }
      } catch (error) {
        tally.failed += 1;
        this.context.logger.warn('Failed to sync the backups of a VM', {
          provider: provider.name,
          zone: zone.uuid,
          vm: vm.uuid,
          error: describeError(error),
        });
      }
    }
  }
}

function newRow(vm: VirtualMachine, point: ZoneRestorePoint['point']): NewBackup {
  return {
    vmId: vm.id,
    externalId: point.externalId,
    type: point.type,
    date: point.created,
    size: point.size ?? 0,
    protectedSize: point.protectedSize ?? 0,
    status: 'BackedUp',
    policyId: vm.backupPolicyId ?? '',
    accountId: vm.accountId,
    domainId: vm.domainId,
    zoneId: vm.zoneId,
    volumes: vm.backupVolumes ?? [],
  };
}

function createdEvent(backup: Backup, vmUuid: string): ActionEvent {
  return {
    type: BACKUP_CREATE_EVENT,
    state: 'Completed',
    level: 'INFO',
    description: `Created backup ${backup.uuid} for VM ID: ${vmUuid}`,
    userId: SYSTEM_USER_ID,
    accountId: backup.accountId,
    domainId: backup.domainId,
    resourceType: VIRTUAL_MACHINE_RESOURCE_TYPE,
    resourceId: backup.vmId,
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function callOptionsOf(options: SyncOptions): OperationOptions {
  return options.signal === undefined ? {} : { signal: options.signal };
}
