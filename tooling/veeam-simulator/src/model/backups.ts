import { type IdFactory } from './ids';
import { type VirtualDisk } from './inventory';
import { type RetentionPolicy } from './jobs';

export interface BackupRecord {
  readonly id: string;
  readonly jobId: string;
  name: string;
  readonly repositoryId: string;
  readonly createdAt: number;
  /** One chain (Veeam: backup object) per VM the job processed. */
  readonly chains: ChainRecord[];
}

/** One VM's restore points inside a backup: what Veeam lists as a backup object. */
export interface ChainRecord {
  readonly id: string;
  readonly backup: BackupRecord;
  readonly vmObjectId: string;
  readonly vmName: string;
  readonly vcenter: string;
  readonly disks: readonly VirtualDisk[];
  /** Oldest first. */
  readonly points: RestorePointRecord[];
  lastRunFailed: boolean;
}

/**
 * A restore point, kept small because scale mode holds 300,000 of them: its id, its backup
 * file's id and the file's sizes are all derived from `seq`.
 */
export interface RestorePointRecord {
  readonly seq: number;
  readonly chain: ChainRecord;
  readonly time: number;
  /** Retention merges the oldest increment into a full, so this can change. */
  full: boolean;
  readonly sessionId: string | undefined;
}

export interface BackupFileSizes {
  readonly dataSize: number;
  readonly backupSize: number;
  readonly dedupRatio: number;
  readonly compressRatio: number;
}

/** A stable number in [0, 1) from a sequence number, so sizes never change between calls. */
function unitHash(seq: number): number {
  let x = (seq * 2654435761) >>> 0;
  x = ((x ^ (x >>> 16)) * 2246822507) >>> 0;
  x = ((x ^ (x >>> 13)) * 3266489909) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

function byTimeThenSeq(a: RestorePointRecord, b: RestorePointRecord): number {
  return a.time - b.time || a.seq - b.seq;
}

/** Index of the first element that sorts after `point` (upper bound). */
function insertionIndex(sorted: readonly RestorePointRecord[], point: RestorePointRecord): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (byTimeThenSeq(sorted[mid]!, point) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first point created at or after `time`. */
export function firstAtOrAfter(sorted: readonly RestorePointRecord[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]!.time < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Backups, their chains and restore points, with a global timeline for paged syncs. */
export class BackupStore {
  private readonly backups = new Map<string, BackupRecord>();
  private readonly backupsByJob = new Map<string, BackupRecord>();
  private readonly chains = new Map<string, ChainRecord>();
  private readonly pointsBySeq: (RestorePointRecord | undefined)[] = [];
  /** Every restore point, oldest first (ties by seq): the `CreationTime` order. */
  private readonly timelinePoints: RestorePointRecord[] = [];

  constructor(private readonly ids: IdFactory) {}

  createBackup(jobId: string, name: string, repositoryId: string, createdAt: number): BackupRecord {
    const backup: BackupRecord = {
      id: this.ids.create('backup'),
      jobId,
      name,
      repositoryId,
      createdAt,
      chains: [],
    };
    this.backups.set(backup.id, backup);
    this.backupsByJob.set(jobId, backup);
    return backup;
  }

  createChain(
    backup: BackupRecord,
    vm: { objectId: string; name: string; vcenter: string; disks: readonly VirtualDisk[] },
  ): ChainRecord {
    const chain: ChainRecord = {
      id: this.ids.create('backupObject'),
      backup,
      vmObjectId: vm.objectId,
      vmName: vm.name,
      vcenter: vm.vcenter,
      disks: vm.disks,
      points: [],
      lastRunFailed: false,
    };
    backup.chains.push(chain);
    this.chains.set(chain.id, chain);
    return chain;
  }

  /**
   * Adds a point. `bulk` appends to the timeline without a sorted insert: the caller appends in
   * time order, or calls `sortTimeline()` afterwards.
   */
  addPoint(
    chain: ChainRecord,
    time: number,
    full: boolean,
    sessionId?: string,
    bulk = false,
  ): RestorePointRecord {
    const point: RestorePointRecord = {
      seq: this.ids.nextSeq('restorePoint'),
      chain,
      time,
      full,
      sessionId,
    };
    this.pointsBySeq[point.seq] = point;
    const last = this.timelinePoints[this.timelinePoints.length - 1];
    if (bulk || last === undefined || byTimeThenSeq(last, point) <= 0)
      this.timelinePoints.push(point);
    else this.timelinePoints.splice(insertionIndex(this.timelinePoints, point), 0, point);
    const chainLast = chain.points[chain.points.length - 1];
    if (chainLast === undefined || byTimeThenSeq(chainLast, point) <= 0) chain.points.push(point);
    else chain.points.splice(insertionIndex(chain.points, point), 0, point);
    return point;
  }

  sortTimeline(): void {
    this.timelinePoints.sort(byTimeThenSeq);
  }

  backup(id: string): BackupRecord | undefined {
    return this.backups.get(id.toLowerCase());
  }

  backupOfJob(jobId: string): BackupRecord | undefined {
    return this.backupsByJob.get(jobId);
  }

  chain(id: string): ChainRecord | undefined {
    return this.chains.get(id.toLowerCase());
  }

  point(id: string): RestorePointRecord | undefined {
    const seq = this.ids.parse('restorePoint', id);
    return seq === undefined ? undefined : this.pointsBySeq[seq];
  }

  /** The point a backup file id names (one file per point). */
  pointOfFile(fileId: string): RestorePointRecord | undefined {
    const seq = this.ids.parse('backupFile', fileId);
    return seq === undefined ? undefined : this.pointsBySeq[seq];
  }

  pointId(point: RestorePointRecord): string {
    return this.ids.format('restorePoint', point.seq);
  }

  fileId(point: RestorePointRecord): string {
    return this.ids.format('backupFile', point.seq);
  }

  allBackups(): BackupRecord[] {
    return [...this.backups.values()];
  }

  allChains(): ChainRecord[] {
    return [...this.chains.values()];
  }

  /** Every restore point, oldest first. Do not mutate. */
  timeline(): readonly RestorePointRecord[] {
    return this.timelinePoints;
  }

  get pointCount(): number {
    return this.timelinePoints.length;
  }

  fileSizes(point: RestorePointRecord): BackupFileSizes {
    const provisioned = point.chain.disks.reduce((sum, disk) => sum + disk.capacityBytes, 0);
    const noise = unitHash(point.seq);
    const dataSize = Math.round(
      provisioned * (point.full ? 0.5 + 0.3 * noise : 0.02 + 0.06 * noise),
    );
    const compressRatio = 40 + Math.floor(20 * unitHash(point.seq + 1));
    const dedupRatio = 70 + Math.floor(20 * unitHash(point.seq + 2));
    return {
      dataSize,
      backupSize: Math.round((dataSize * compressRatio) / 100),
      dedupRatio,
      compressRatio,
    };
  }

  /** Drops points beyond the job's retention, merging into a new full as Veeam does. */
  applyRetention(chain: ChainRecord, policy: RetentionPolicy, now: number): number {
    const doomed: RestorePointRecord[] = [];
    if (policy.type === 'RestorePoints') {
      doomed.push(...chain.points.slice(0, Math.max(0, chain.points.length - policy.quantity)));
    } else {
      const cutoff = now - policy.quantity * 86_400_000;
      // The newest point always stays, however old.
      doomed.push(...chain.points.slice(0, -1).filter((point) => point.time < cutoff));
    }
    this.removePoints(doomed);
    const oldest = chain.points[0];
    if (oldest !== undefined) oldest.full = true;
    return doomed.length;
  }

  /** Removes a backup with all its chains and points. */
  deleteBackup(backup: BackupRecord): void {
    for (const chain of [...backup.chains]) this.deleteChain(chain);
    this.backups.delete(backup.id);
    if (this.backupsByJob.get(backup.jobId) === backup) this.backupsByJob.delete(backup.jobId);
  }

  /** Removes one VM's chain; a backup left with no chain goes too. */
  deleteChain(chain: ChainRecord): void {
    this.removePoints(chain.points);
    this.chains.delete(chain.id);
    const chains = chain.backup.chains;
    const index = chains.indexOf(chain);
    if (index >= 0) chains.splice(index, 1);
    if (chains.length === 0 && this.backups.has(chain.backup.id)) this.deleteBackup(chain.backup);
  }

  private removePoints(points: readonly RestorePointRecord[]): void {
    if (points.length === 0) return;
    const doomed = new Set(points);
    for (const point of doomed) {
      this.pointsBySeq[point.seq] = undefined;
      const chainPoints = point.chain.points;
      const index = chainPoints.indexOf(point);
      if (index >= 0) chainPoints.splice(index, 1);
    }
    if (doomed.size <= 4) {
      for (const point of doomed) {
        const index = this.timelinePoints.indexOf(
          point,
          firstAtOrAfter(this.timelinePoints, point.time),
        );
        if (index >= 0) this.timelinePoints.splice(index, 1);
      }
      return;
    }
    let write = 0;
    for (const point of this.timelinePoints) {
      if (!doomed.has(point)) this.timelinePoints[write++] = point;
    }
    this.timelinePoints.length = write;
  }
}
