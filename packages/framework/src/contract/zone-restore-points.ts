import { type RestorePoint, type Zone } from '../domain/types';
import { type ProviderCallOptions } from './call-options';

/**
 * Asks for one page of a zone's restore-point feed.
 * @public
 * @since 1.1.0
 */
export interface ZoneRestorePointsRequest extends ProviderCallOptions {
  /** The zone whose restore points are listed. */
  readonly zone: Zone;
  /**
   * The `cursor` of the previous page; absent for the first page of a pass. The host fetches at
   * most one page ahead of what it records: asking with the cursor page N returned confirms that
   * pages 1 … N − 1 are recorded, so the provider may move its high-water mark to the end of page
   * N − 1.
   */
  readonly cursor?: string;
}

/**
 * A restore point of the zone's feed, with the VM it belongs to.
 * @public
 * @since 1.1.0
 */
export interface ZoneRestorePoint {
  /** The CloudStack uuid of the VM (the key `getMetrics` uses too). */
  readonly vmUuid: string;
  /** The restore point, as `listRestorePoints` would report it. */
  readonly point: RestorePoint;
}

/**
 * How many restore points the provider holds for one VM, from a sweep.
 * @public
 * @since 1.1.0
 */
export interface VmRestorePointCount {
  /** The CloudStack uuid of the VM. */
  readonly vmUuid: string;
  /** How many restore points the provider holds for the VM. */
  readonly count: number;
}

/**
 * One page of a zone's restore-point feed.
 *
 * @remarks
 * A pass is the pages from a request without cursor to the first page without one. It has two
 * parts, in any mix of pages:
 * - `points`: restore points created since the provider's high-water mark, oldest first. They may
 *   repeat points the host already recorded (overlaps are the safe side of a feed); the host
 *   records the ones it lacks, and removes nothing because of them.
 * - `counts`: from a sweep, run on the provider's own slower cadence, how many restore points the
 *   provider holds per VM. This is what catches points that vanished (Veeam's retention), which a
 *   "created since" feed never shows: for every VM whose count differs from its active backup rows,
 *   the host lists that VM with {@link BackupProvider.listRestorePoints} and reconciles it. A VM
 *   left out of every sweep page is left alone.
 *
 * @public
 * @since 1.1.0
 */
export interface ZoneRestorePointsPage {
  /** Restore points created since the provider's high-water mark, oldest first. */
  readonly points: readonly ZoneRestorePoint[];
  /** From a sweep: restore points held per VM. */
  readonly counts?: readonly VmRestorePointCount[];
  /** The next page of the pass; absent when the pass is complete. */
  readonly cursor?: string;
}
