import { AsyncLocalStorage } from 'node:async_hooks';

/** A `configuration` row with the value of one zone's `data_center_details` row of the same name. */
export interface SnapshotRow {
  readonly value: string | null;
  readonly default_value: string | null;
  /** CloudStack's scope bitmask, as the database returns it. */
  readonly scope: unknown;
  readonly zone_value: string | null;
}

/** One zone's configuration as one job first read it: every row by name. */
export type ZoneSnapshot = ReadonlyMap<string, SnapshotRow>;

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
