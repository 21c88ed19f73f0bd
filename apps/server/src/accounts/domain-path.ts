/**
 * A domain path as stored in `domain.path`: leading and trailing slash (`/`, `/sales/`). CloudStack's
 * login adds whichever is missing, so `sales` and `/sales` name `/sales/`.
 */
export function normalizeDomainPath(path: string): string {
  const withLeading = path.startsWith('/') ? path : `/${path}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
