import { compareIds } from '../../host/backup-manager/compare-ids';
import { type AccountScope, type Page, type PageRequest } from '../../host/ports';
import { type StoreState } from './store-state';

/** Sorts by internal id and cuts one page, with the total CloudStack reports as `count`. */
export function pageOf<T extends { readonly id: string }>(
  rows: readonly T[],
  page: PageRequest,
): Page<T> {
  const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
  const end = page.limit === undefined ? undefined : page.offset + page.limit;
  return { items: sorted.slice(page.offset, end), total: sorted.length };
}

/** Whether an owner falls inside a list scope (CloudStack's account/domain list scoping). */
export function inScope(
  state: StoreState,
  scope: AccountScope,
  owner: { readonly accountId: string; readonly domainId: string },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'account':
      return owner.accountId === scope.accountId;
    case 'domain': {
      if (!scope.recursive) return owner.domainId === scope.domainId;
      const path = state.domains.get(owner.domainId)?.path;
      return path !== undefined && path.startsWith(scope.domainPath);
    }
  }
}

/** Case-insensitive "contains", as MySQL's `LIKE '%kw%'` under CloudStack's collation. */
export function contains(text: string, keyword: string | undefined): boolean {
  return keyword === undefined || text.toLowerCase().includes(keyword.toLowerCase());
}

export function zoneRef(state: StoreState, zoneId: string): { zoneUuid: string; zoneName: string } {
  const zone = state.zones.get(zoneId);
  return { zoneUuid: zone?.uuid ?? '', zoneName: zone?.name ?? '' };
}
