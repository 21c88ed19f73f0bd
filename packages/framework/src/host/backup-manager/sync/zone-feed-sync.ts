import { type ZoneRestorePoint, type ZoneRestorePointsPage } from '../../../contract/zone-restore-points';
import { type VirtualMachine, type Zone } from '../../../domain/types';
import { isBackupError } from '../../../errors/backup-error';
import { type NewBackup, type Repositories } from '../../ports';
import { type RegisteredProvider } from '../../provider-types';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { type OperationOptions } from '../operation-options';
import { defaultBackupName } from '../resource-names';
import { type SyncOptions } from '../types';
import { type SyncTally } from './sync-tally';

/** What reconciling one VM with its full restore-point list did; undefined when it failed. */
export type VmReconcile = (vm: VirtualMachine) => Promise<{ created: number; removed: number } | 'skipped'>;

/**
 * Follows a provider's zone-wide restore-point feed (contract 1.1 `listZoneRestorePoints`): a
 * constant number of queries per page, whatever the number of VMs, with the next page fetched
 * while the current one is recorded.
 * - A page's `points`: one query maps them to protected VMs, one finds the rows that exist, and one
 *   short transaction inserts the rest (multi-row). VMs a backup operation holds are left to it (and
 *   to the next pass). As CloudStack 4.14's Veeam sync, it writes no event per restore point found:
 *   the first sync of a large installation would otherwise write one per restore point, 300,000
 *   events for 10,000 VMs (the one-VM reconciliation keeps its `BACKUP.CREATE` events).
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
    const fetchPage = async (cursor: string | undefined): Promise<ZoneRestorePointsPage> => {
      const budget = await this.context.providerCalls.budget('restorepoints', zone);
      return this.context.providerCalls.run(provider, budget, callOptionsOf(options), (callOptions) =>
        list({ zone, ...(cursor === undefined ? {} : { cursor }), ...callOptions }),
      );
    };
    let page = await fetchPage(undefined);
    for (;;) {
      // One page ahead: the provider works on the next page while this one is recorded.
      const next = page.cursor !== undefined && (await mayContinue()) ? fetchPage(page.cursor) : undefined;
      try {
        if (page.points.length > 0) await this.recordPoints(zone, page.points, tally);
        if (page.counts !== undefined && page.counts.length > 0) {
          await this.reconcileCounts(zone, provider, page.counts, tally, reconcile);
        }
      } catch (error) {
        next?.catch(() => undefined);
        throw error;
      }
      if (next === undefined) return;
      page = await next;
    }
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
      // Under the transaction: an operation that took a VM since is left to record its own point.
      const guarded = await tx.operations.listGuardedVmIds(unique(fresh.map((candidate) => candidate.vm.id)));
      const rows = uniqueRows(fresh.filter(({ vm }) => !guarded.has(vm.id) && vm.backupPolicyId !== undefined));
      const uuids = await insertNew(tx, rows);
      return { created: uuids.length, skipped: guarded.size };
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

type Candidate = { readonly vm: VirtualMachine; readonly point: ZoneRestorePoint['point'] };

/** One row per VM and restore point, even when a page repeats a point. */
function uniqueRows(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter(({ vm, point }) => {
    const key = `${vm.id}\u0000${point.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Inserts the rows; when another writer recorded one of them since they were checked (the unique
 * key refuses the statement), checks again and inserts the rest. Returns the uuids of the rows
 * inserted, and trims `rows` to them.
 */
async function insertNew(tx: Repositories, rows: Candidate[]): Promise<readonly string[]> {
  try {
    return await tx.backups.insertMany(rows.map(({ vm, point }) => newRow(vm, point)));
  } catch (error) {
    if (!isBackupError(error) || error.code !== 'ALREADY_EXISTS') throw error;
    const current = await tx.backups.listActiveExternalIds(
      unique(rows.map(({ vm }) => vm.id)),
      unique(rows.map(({ point }) => point.externalId)),
    );
    const remaining = rows.filter(({ vm, point }) => current.get(vm.id)?.has(point.externalId) !== true);
    rows.splice(0, rows.length, ...remaining);
    return tx.backups.insertMany(remaining.map(({ vm, point }) => newRow(vm, point)));
  }
}

function newRow(vm: VirtualMachine, point: ZoneRestorePoint['point']): NewBackup {
  return {
    vmId: vm.id,
    name: defaultBackupName(vm.name, point.created),
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

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function callOptionsOf(options: SyncOptions): OperationOptions {
  return options.signal === undefined ? {} : { signal: options.signal };
}
