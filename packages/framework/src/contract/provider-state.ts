import { type Zone } from '../domain/types';

/**
 * A small key/value store that belongs to one provider, kept by the host in its database and shared
 * by every server instance: tokens, sync cursors, high-water marks. Values are strings (serialize
 * structured data yourself) of at most 64 KiB, and are stored encrypted.
 *
 * @remarks
 * Writes are last-writer-wins and not transactional with anything else; use it for state that is
 * safe to lose or to recompute (a lost cursor means a slower sync, a lost token a new login).
 * Keys are scoped to the provider, and to the zone when one is given.
 *
 * @example
 * ```ts
 * const cursor = await context.state.get('sync.cursor', zone);
 * await context.state.set('sync.cursor', nextCursor, zone);
 * ```
 * @public
 * @since 1.1.0
 */
export interface ProviderStateStore {
  get(key: string, zone?: Zone): Promise<string | undefined>;
  set(key: string, value: string, zone?: Zone): Promise<void>;
  delete(key: string, zone?: Zone): Promise<void>;
}
