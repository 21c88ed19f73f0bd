import {
  type ProviderContext,
  type VmRestorePointCount,
  type Zone,
  type ZoneRestorePoint,
  type ZoneRestorePointsPage,
} from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readBackupObject, readPage, readRestorePoint, type VeeamRestorePoint } from '../client/veeam-models';
import { toRestorePoint } from '../operations/backups';
import { type BackupIndex, type BackupSnapshot } from './backup-index';
import { decodeCursor, encodeCursor, type FeedCursor } from './feed-cursor';

const HIGH_WATER_MARK_KEY = 'sync.highWaterMark';
const LAST_SWEEP_KEY = 'sync.lastSweep';

/**
 * The zone's restore-point feed, the doc's §5 plan:
 * 1. `GET /restorePoints?createdAfterFilter=<high-water mark − overlap>&orderColumn=CreationTime`,
 *    paged, each point mapped to its VM through its backup (one `GET /backups` listing);
 * 2. every `backup.plugin.veeam.sync.sweep.interval`, a sweep of `GET /backupObjects`, whose
 *    `restorePointsCount` per VM lets the host find the VMs whose points retention removed.
 * The high-water mark and the time of the last sweep live in the provider's state store.
 */
export class ZoneFeed {
  constructor(
    private readonly context: ProviderContext,
    private readonly index: BackupIndex,
  ) {}

  async page(api: VeeamApi, zone: Zone, cursorText: string | undefined): Promise<ZoneRestorePointsPage> {
    const cursor = decodeCursor(cursorText) ?? (await this.startPass(api, zone));
    // The page before the one that returned this cursor is recorded (the host reads one ahead).
    if (cursor.confirmed !== undefined) await this.raiseHighWaterMark(zone, cursor.confirmed);
    return cursor.phase === 'points' ? this.pointsPage(api, zone, cursor) : this.sweepPage(api, zone, cursor.skip);
  }

  private async startPass(api: VeeamApi, zone: Zone): Promise<FeedCursor> {
    const now = this.context.now().getTime();
    const mark = await this.state().get(HIGH_WATER_MARK_KEY, zone);
    const markTime = mark === undefined ? Number.NaN : Date.parse(mark);
    const lastSweep = Number(await this.state().get(LAST_SWEEP_KEY, zone));
    const sweep = !Number.isFinite(lastSweep) || now - lastSweep >= api.settings.sweepIntervalMs;
    // Backups first seen in this pass must map to their VMs: read them afresh.
    await this.index.refresh(api, zone, now);
    return {
      phase: 'points',
      ...(Number.isNaN(markTime) ? {} : { after: new Date(markTime - api.settings.overlapMs).toISOString() }),
      skip: 0,
      seen: [],
      sweep,
    };
  }

  private async pointsPage(
    api: VeeamApi,
    zone: Zone,
    cursor: Extract<FeedCursor, { phase: 'points' }>,
  ): Promise<ZoneRestorePointsPage> {
    const operation = 'list restore points';
    const limit = api.settings.pageSize;
    const page = readPage(
      await api.get(operation, '/api/v1/restorePoints', {
        platformNameFilter: 'VMware',
        orderColumn: 'CreationTime',
        orderAsc: true,
        ...(cursor.after === undefined ? {} : { createdAfterFilter: cursor.after }),
        skip: cursor.skip,
        limit,
      }),
      operation,
    );
    const seen = new Set(cursor.seen);
    const listed = page.data.map((item) => readRestorePoint(item, operation));
    const fresh = listed.filter((point) => !seen.has(point.id));
    const snapshot = await this.snapshotFor(api, zone, fresh);
    const points = fresh.flatMap((point): ZoneRestorePoint[] => {
      const owner = snapshot.byId.get(point.backupId);
      return owner === undefined ? [] : [{ vmUuid: owner.vmUuid, point: toRestorePoint(point) }];
    });
    const last = listed[listed.length - 1];
    const done = last === undefined || cursor.skip + listed.length >= page.total;
    if (done) {
      if (!cursor.sweep) return { points };
      const confirmed = cursor.pending;
      return { points, cursor: encodeCursor({ phase: 'sweep', skip: 0, ...(confirmed === undefined ? {} : { confirmed }) }) };
    }
    return { points, cursor: encodeCursor(nextPointsCursor(cursor, listed)) };
  }

  private async sweepPage(api: VeeamApi, zone: Zone, skip: number): Promise<ZoneRestorePointsPage> {
    const operation = 'list backup objects';
    const page = readPage(
      await api.get(operation, '/api/v1/backupObjects', { platformNameFilter: 'VMware', skip, limit: api.settings.pageSize }),
      operation,
    );
    const now = this.context.now().getTime();
    const snapshot = await this.index.get(api, zone, now, Number.POSITIVE_INFINITY);
    const counts = new Map<string, number>();
    for (const item of page.data) {
      const object = readBackupObject(item, operation);
      const owner =
        object.backupId === undefined ? snapshot.byInstance.get(object.name) : snapshot.byId.get(object.backupId);
      if (owner === undefined) continue;
      counts.set(owner.vmUuid, (counts.get(owner.vmUuid) ?? 0) + object.restorePointsCount);
    }
    const result: VmRestorePointCount[] = [...counts].map(([vmUuid, count]) => ({ vmUuid, count }));
    const next = skip + page.data.length;
    if (page.data.length === 0 || next >= page.total) {
      await this.state().set(LAST_SWEEP_KEY, String(now), zone);
      return { points: [], counts: result };
    }
    return { points: [], counts: result, cursor: encodeCursor({ phase: 'sweep', skip: next }) };
  }

  /** The index, read again once when a point's backup is new to it. */
  private async snapshotFor(api: VeeamApi, zone: Zone, points: readonly VeeamRestorePoint[]): Promise<BackupSnapshot> {
    const now = this.context.now().getTime();
    const snapshot = await this.index.get(api, zone, now, Number.POSITIVE_INFINITY);
    const known = (id: string) => snapshot.byId.has(id) || snapshot.foreign.has(id);
    if (points.every((point) => known(point.backupId))) return snapshot;
    // A backup made since the index was read (at most once a second).
    return snapshot.at + 1000 <= now ? this.index.refresh(api, zone, now) : snapshot;
  }

  /** Moves the mark up only: re-reading the overlap window must not move it back. */
  private async raiseHighWaterMark(zone: Zone, confirmed: string): Promise<void> {
    const stored = Date.parse((await this.state().get(HIGH_WATER_MARK_KEY, zone)) ?? '');
    if (!Number.isNaN(stored) && stored >= Date.parse(confirmed)) return;
    await this.state().set(HIGH_WATER_MARK_KEY, confirmed, zone);
  }

  private state() {
    return this.context.state;
  }
}

/**
 * After a page: continue from its last creation time (a time filter does not shift when retention
 * removes older points, unlike `skip`), dropping the points at that very time that were returned.
 * A page whose points all share the filter's time moves on with `skip`.
 */
function nextPointsCursor(
  cursor: Extract<FeedCursor, { phase: 'points' }>,
  listed: readonly VeeamRestorePoint[],
): FeedCursor {
  const last = listed[listed.length - 1]!;
  const lastTime = last.creationTime.toISOString();
  const atLast = listed.filter((point) => point.creationTime.toISOString() === lastTime).map((point) => point.id);
  const stuck = cursor.after !== undefined && new Date(cursor.after).toISOString() === lastTime;
  return {
    phase: 'points',
    after: lastTime,
    skip: stuck ? cursor.skip + listed.length : 0,
    seen: stuck ? [...cursor.seen, ...atLast] : atLast,
    ...(cursor.pending === undefined ? {} : { confirmed: cursor.pending }),
    pending: lastTime,
    sweep: cursor.sweep,
  };
}
