import { type PageRequest } from '@csbr/framework/host';

/**
 * One page of a list that lives in memory (the provider registry: a handful of entries fixed at
 * boot). Everything stored in the database is paged in SQL instead.
 */
export function pageInMemory<T>(items: readonly T[], paging: PageRequest): readonly T[] {
  const end = paging.limit === undefined ? undefined : paging.offset + paging.limit;
  return items.slice(paging.offset, end);
}
