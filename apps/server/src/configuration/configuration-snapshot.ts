import { AsyncLocalStorage } from 'node:async_hooks';

/** A `configuration` row as a read uses it (`scope` by name), and one zone's value of the key. */
export interface StoredValue {
  readonly row: GlobalRow | null;
  readonly zoneValue: string | null;
}

export interface GlobalRow {
  readonly value: string | null;
  readonly default_value: string | null;
  readonly scope: string | null;
}

/** A zone's `data_center` row as far as the framework's `Zone` goes. */
export interface SnapshotZone {
  readonly id: string;
  readonly uuid: string | null;
  readonly name: string | null;
}

/**
 * One zone's configuration (or the global one) as a scope first read it: every key by name, and
 * the zone's own row, read in the same statement (`null` when the zone does not exist, `undefined`
 * when the statement could not tell: no `configuration` row at all).
 */
export interface ZoneConfiguration {
  /** Filled further for a key without a `configuration` row, the first time it is asked for. */
  readonly values: Map<string, StoredValue>;
  readonly zone: SnapshotZone | null | undefined;
}

/** The configurations one scope has read, by zone id ('' for the global one). */
class Scope {
  readonly zones = new Map<string, Promise<ZoneConfiguration>>();
  open = true;
}

const scopes = new AsyncLocalStorage<Scope>();
const GLOBAL = '';

/**
 * Runs `work` (an async job, a sync pass) in one configuration snapshot: the first read of a zone
 * loads that zone's whole configuration (global and zone rows, and the zone's own row) in one
 * statement, and every later read in the work, the framework's and the providers' alike, is
 * answered from it. The work thus sees one configuration from start to end; a change made
 * meanwhile elsewhere applies from the next job or pass. Its own writes are seen at once.
 *
 * The snapshot closes when the work ends: a timer or connection created during the work, which
 * keeps its async context, then reads live values again. Nested calls share the outer snapshot.
 * Outside a snapshot (requests, the CLI) every read goes to the database.
 */
export async function withConfigurationSnapshot<T>(work: () => Promise<T>): Promise<T> {
  if (current() !== undefined) return work();
  const scope = new Scope();
  try {
    return await scopes.run(scope, work);
  } finally {
    scope.open = false;
    scope.zones.clear();
  }
}

/** The current snapshot's configuration of `zoneId` (global without one), loaded on the first ask; none outside a snapshot. */
export function configurationSnapshot(
  zoneId: string | undefined,
  load: () => Promise<ZoneConfiguration>,
): Promise<ZoneConfiguration> | undefined {
  const scope = current();
  if (scope === undefined) return undefined;
  const key = zoneId ?? GLOBAL;
  let snapshot = scope.zones.get(key);
  if (snapshot === undefined) {
    snapshot = load();
    scope.zones.set(key, snapshot);
    // A failed load is not remembered: the next reader tries the database again.
    snapshot.catch(() => scope.zones.delete(key));
  }
  return snapshot;
}

/**
 * The zone's row as the current snapshot read it; undefined outside a snapshot, or before the
 * work first read that zone's configuration (the zone gate reads the configuration first, so a
 * job reads its zone's row with it, not in a statement of its own).
 */
export function snapshotZone(zoneId: string): Promise<SnapshotZone | null | undefined> | undefined {
  return current()?.zones.get(zoneId)?.then((snapshot) => snapshot.zone);
}

/** Forgets what the current snapshot read, if any: the work's own write is seen by its later reads. */
export function forgetConfigurationSnapshot(): void {
  current()?.zones.clear();
}

function current(): Scope | undefined {
  const scope = scopes.getStore();
  return scope?.open === true ? scope : undefined;
}
