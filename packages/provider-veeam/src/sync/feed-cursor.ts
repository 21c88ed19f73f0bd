/**
 * Where a pass of the zone feed stands, handed to the host as an opaque cursor and back.
 * - `points`: reading `GET /restorePoints` created at or after `after`, skipping `skip` items and
 *   the ids in `seen` (points at exactly `after`, already returned: the filter may be inclusive).
 * - `sweep`: reading `GET /backupObjects` from `skip`.
 * The host fetches one page ahead of what it records, so a cursor confirms the page before the
 * one that returned it: `confirmed` is where that page ended (the provider may store it as its
 * high-water mark), `pending` where the page that returned the cursor ended.
 */
export type FeedCursor =
  | {
      readonly phase: 'points';
      readonly after?: string;
      readonly skip: number;
      readonly seen: readonly string[];
      readonly confirmed?: string;
      readonly pending?: string;
      readonly sweep: boolean;
    }
  | { readonly phase: 'sweep'; readonly skip: number; readonly confirmed?: string };

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor })).toString('base64url');
}

/** The cursor, or undefined when it is not one of ours (a new pass then starts). */
export function decodeCursor(value: string | undefined): FeedCursor | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (parsed['v'] !== 1 || typeof parsed['skip'] !== 'number') return undefined;
    if (parsed['phase'] === 'sweep') return parsed as unknown as FeedCursor;
    if (parsed['phase'] === 'points' && Array.isArray(parsed['seen'])) return parsed as unknown as FeedCursor;
    return undefined;
  } catch {
    return undefined;
  }
}
