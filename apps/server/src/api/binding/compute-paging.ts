import { type PageRequest } from '@csbr/framework/host';
import {
  invalidValueError,
  pageRequiresPageSizeError,
  pageSizeRequiresPageError,
  pageSizeTooLargeError,
  pageWithUnlimitedPageSizeError,
} from '../errors/parameter-errors';

const UNLIMITED = -1;

/**
 * `page`/`pagesize` → offset and limit with CloudStack's `BaseListCmd` rules (protocol doc §7):
 * - `pagesize` without `page` (unless -1) and `page` without `pagesize` → 431/9999;
 * - `pagesize` over the maximum → 431/4350; `pagesize=-1` with `page` → 431/4350;
 * - `pagesize=-1` is unlimited; no paging means the first `maxPageSize` rows;
 * - offset = pagesize × (page − 1); `page` ≤ 0 is the first page.
 * A `pagesize` below -1 is refused as an invalid value (CloudStack would fail in SQL).
 */
export function computePaging(
  commandName: string,
  page: number | undefined,
  pageSize: number | undefined,
  maxPageSize: number,
): PageRequest {
  if (pageSize !== undefined && page === undefined && pageSize !== UNLIMITED) {
    throw pageSizeRequiresPageError();
  }
  if (pageSize === undefined && page !== undefined) {
    throw pageRequiresPageSizeError();
  }
  if (pageSize !== undefined && maxPageSize > 0 && pageSize > maxPageSize) {
    throw pageSizeTooLargeError(maxPageSize);
  }
  if (pageSize === UNLIMITED) {
    if (page !== undefined) {
      throw pageWithUnlimitedPageSizeError();
    }
    return { offset: 0 };
  }
  if (pageSize !== undefined && pageSize < UNLIMITED) {
    throw invalidValueError(commandName, 'pagesize', String(pageSize));
  }
  const limit = pageSize ?? (maxPageSize > 0 ? maxPageSize : undefined);
  if (limit === undefined) {
    return { offset: 0 };
  }
  const offset = page !== undefined && page > 0 ? limit * (page - 1) : 0;
  return { offset, limit };
}
