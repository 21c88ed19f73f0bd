import { type SyncReport } from '../types';

/** A mutable {@link SyncReport} being filled in. */
export type SyncTally = { -readonly [K in keyof SyncReport]: number };

export function emptyTally(): SyncTally {
  return { zones: 0, vms: 0, created: 0, removed: 0, failed: 0, skipped: 0 };
}

export function addTo(total: SyncTally, part: SyncReport): void {
  total.zones += part.zones;
  total.vms += part.vms;
  total.created += part.created;
  total.removed += part.removed;
  total.failed += part.failed;
  total.skipped += part.skipped;
}
