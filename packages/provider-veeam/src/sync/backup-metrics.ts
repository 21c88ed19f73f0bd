import { type Metric, type VirtualMachine, type Zone } from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readBackupFile } from '../client/veeam-models';
import { idPath } from '../operations/job-names';
import { type BackupIndex, type IndexedBackup } from './backup-index';

/** Requests for sizes in flight at once. */
const PARALLEL_SIZE_READS = 8;

interface CachedMetric {
  readonly metric: Metric;
  readonly at: number;
}

/**
 * Backup sizes per VM on the metrics cycle (`backup.plugin.veeam.metrics.interval`): Veeam has no
 * zone-wide size listing (§4.10), so a VM's sizes are read from its backup (13.1: `details`;
 * otherwise the sum over its backup files) at most once per interval and kept in memory between.
 */
export class BackupMetrics {
  private readonly byZone = new Map<string, Map<string, CachedMetric>>();

  constructor(private readonly index: BackupIndex) {}

  async metrics(api: VeeamApi, zone: Zone, vms: readonly VirtualMachine[], now: number): Promise<Map<string, Metric>> {
    const interval = api.settings.metricsIntervalMs;
    const cache = this.byZone.get(zone.id) ?? new Map<string, CachedMetric>();
    this.byZone.set(zone.id, cache);
    const result = new Map<string, Metric>();
    const stale = vms.filter((vm) => {
      const cached = cache.get(vm.uuid);
      if (cached !== undefined && now - cached.at < interval) result.set(vm.uuid, cached.metric);
      return vm.backupExternalId !== undefined && !result.has(vm.uuid);
    });
    if (stale.length === 0) return result;
    let snapshot = await this.index.get(api, zone, now, interval);
    if (stale.some((vm) => !snapshot.byJob.has(vm.backupExternalId!)) && snapshot.at < now) {
      snapshot = await this.index.refresh(api, zone, now);
    }
    await forEachLimited(stale, PARALLEL_SIZE_READS, async (vm) => {
      const backups = snapshot.byJob.get(vm.backupExternalId!) ?? [];
      if (backups.length === 0) return;
      const metric = await this.read(api, backups);
      cache.set(vm.uuid, { metric, at: now });
      result.set(vm.uuid, metric);
    });
    return result;
  }

  private async read(api: VeeamApi, backups: readonly IndexedBackup[]): Promise<Metric> {
    let backupSize = 0;
    let dataSize = 0;
    for (const backup of backups) {
      const sizes = api.profile.backupIdOnObjects ? await details(api, backup.id) : await fileSums(api, backup.id);
      backupSize += sizes.backupSize;
      dataSize += sizes.dataSize;
    }
    return { backupSize, dataSize };
  }
}

/** 1.3-rev2: bytes on disk and the protected source size in one call. */
async function details(api: VeeamApi, backupId: string): Promise<Metric> {
  const operation = 'read the size of a backup';
  const answer = (await api.post(operation, `/api/v1/backups/${idPath(backupId)}/details`, {})) as Record<string, unknown>;
  const backupSize = answer['backupSize'];
  const original = answer['objectOriginalSize'];
  return {
    backupSize: typeof backupSize === 'number' ? backupSize : 0,
    dataSize: typeof original === 'number' ? original : 0,
  };
}

/** Every revision: the sums over the backup's files (what CloudStack reads from Enterprise Manager). */
async function fileSums(api: VeeamApi, backupId: string): Promise<Metric> {
  const operation = 'list the files of a backup';
  let backupSize = 0;
  let dataSize = 0;
  for await (const page of api.pages(operation, `/api/v1/backups/${idPath(backupId)}/backupFiles`)) {
    for (const item of page) {
      const file = readBackupFile(item, operation);
      backupSize += file.backupSize;
      dataSize += file.dataSize;
    }
  }
  return { backupSize, dataSize };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
