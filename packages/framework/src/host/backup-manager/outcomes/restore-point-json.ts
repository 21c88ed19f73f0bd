import { type RestorePoint } from '../../../domain/types';

/** A restore point as stored in an operation row (dates as ISO strings). */
export function serializeRestorePoint(point: RestorePoint | undefined): string {
  return JSON.stringify(point ?? null);
}

export function deserializeRestorePoint(stored: string): RestorePoint | undefined {
  const parsed = JSON.parse(stored) as (Omit<RestorePoint, 'created'> & { created: string }) | null;
  return parsed === null ? undefined : { ...parsed, created: new Date(parsed.created) };
}
