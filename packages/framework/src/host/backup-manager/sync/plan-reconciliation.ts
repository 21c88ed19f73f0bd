import { type Backup, type Metric, type RestorePoint } from '../../../domain/types';

/** A new backup row's sizes. */
export interface NewRowSizes {
  readonly size: number;
  readonly protectedSize: number;
}

/** What reconciling one VM's restore points with its backup rows changes. */
export interface ReconciliationPlan {
  /** Restore points with no row yet, with the sizes their row gets. */
  readonly toCreate: readonly { readonly point: RestorePoint; readonly sizes: NewRowSizes }[];
  /** Rows whose restore point the provider no longer has. */
  readonly toRemove: readonly Backup[];
  /** Rows whose restore point reports other sizes. */
  readonly toResize: readonly { readonly backup: Backup; readonly sizes: NewRowSizes }[];
}

const NOTHING: ReconciliationPlan = { toCreate: [], toRemove: [], toResize: [] };

/**
 * Matches restore points and active rows by external id. An empty list of restore points changes
 * nothing: providers return it when they cannot tell (CloudStack's Veeam plugin does the same), and
 * wiping every backup of a VM on a vendor hiccup would be far worse than a stale row.
 */
export function planReconciliation(
  points: readonly RestorePoint[],
  rows: readonly Backup[],
  metric: Metric | undefined,
): ReconciliationPlan {
  if (points.length === 0) return NOTHING;
  const pointsById = new Map(points.map((point) => [point.externalId, point]));
  const rowsById = new Map(rows.map((row) => [row.externalId, row]));

  const toCreate = [...pointsById.values()]
    .filter((point) => !rowsById.has(point.externalId))
    .map((point) => ({
      point,
      sizes: {
        size: point.size ?? metric?.backupSize ?? 0,
        protectedSize: point.protectedSize ?? metric?.dataSize ?? 0,
      },
    }));
  const toRemove = rows.filter((row) => !pointsById.has(row.externalId));
  const toResize = rows.flatMap((backup) => {
    const point = pointsById.get(backup.externalId);
    if (point === undefined || (point.size === undefined && point.protectedSize === undefined)) {
      return [];
    }
    const sizes = {
      size: point.size ?? backup.size,
      protectedSize: point.protectedSize ?? backup.protectedSize,
    };
    const changed = sizes.size !== backup.size || sizes.protectedSize !== backup.protectedSize;
    return changed ? [{ backup, sizes }] : [];
  });
  return { toCreate, toRemove, toResize };
}
