import { AsyncLocalStorage } from 'node:async_hooks';

/** A `configuration` row with the value of one zone's `data_center_details` row of the same name. */
export interface SnapshotRow {
  readonly value: string | null;
  readonly default_value: string | null;
  /** CloudStack's scope bitmask, as the database returns it. */
  readonly scope: unknown;
  readonly zone_value: string | null;
}

/** A zone's `data_center` row as far as the framework's `Zone` goes. */
export interface SnapshotZone {
  readonly id: string;
  readonly uuid: string | null;
  readonly name: string | null;
}

/**
 * One zone's configuration as one job first read it: every row by name, and the zone's own row,
 * read in the same statement (`null` when the zone does not exist, `undefined` when the statement
 * could not tell: no `configuration` row at all).
 */
export interface ZoneSnapshot {
  readonly keys: ReadonlyMap<string, SnapshotRow>;
  readonly zone: SnapshotZone | null | undefined;
}

/** The zone snapshots of one running job, loaded at its first read of each zone. */
interface SnapshotScope {
  readonly zones: Map<string, Promise<ZoneSnapshot>>;
}

const scopes = new AsyncLocalStorage<SnapshotScope>();

/**
 * Runs `work` (one async job) so that its zone configuration reads share one statement per zone:
 * the first read of a zone loads every key of that zone at once, later reads in the job use it. A
 * job thus sees one configuration from start to end; a change applies from the next job or request.
 * Outside such a scope (requests, the sync, the CLI) every read goes to the database.
 */
export function withConfigurationSnapshot<T>(work: () => Promise<T>): Promise<T> {
  return scopes.run({ zones: new Map() }, work);
}

/**
 * The zone's row as the current job's snapshot of it read it; undefined outside a job, or before
 * the job first read that zone's configuration (the zone gate reads the configuration first, so a
 * job reads its zone's row with it, not in a statement of its own).
 */
export function snapshotZone(zoneId: string): Promise<SnapshotZone | null | undefined> | undefined {
  return scopes.getStore()?.zones.get(zoneId)?.then((snapshot) => snapshot.zone);
}

/** The current job's snapshot of `zoneId`, loaded with `load` on the first ask; none outside a job. */
export function zoneSnapshot(zoneId: string, load: () => Promise<ZoneSnapshot>): Promise<ZoneSnapshot> | undefined {
  const scope = scopes.getStore();
  if (scope === undefined) return undefined;
  let snapshot = scope.zones.get(zoneId);
  if (snapshot === undefined) {
    snapshot = load();
    scope.zones.set(zoneId, snapshot);
  }
  return snapshot;
}
