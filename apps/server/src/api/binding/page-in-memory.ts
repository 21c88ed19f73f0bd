import { type PageRequest } from '@csbr/framework/host';

/**
 * One page of a short list that lives in memory (registered providers, declared configuration
 * keys). Everything that grows with the cloud is paged in SQL instead.
 */
export function pageInMemory<T>(items: readonly T[], paging: PageRequest): readonly T[] {
  const end = paging.limit === undefined ? undefined : paging.offset + paging.limit;
  return items.slice(paging.offset, end);
}
