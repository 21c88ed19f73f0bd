import { type Page, type PageRequest } from '@csbr/framework/host';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

import { NO_LIMIT, sqlOptionalText, sqlText } from './raw-page';

/** Scalar columns selected next to an entity (`addSelect('zone.name', 'zoneName')`), by alias. */
export type RawRow = Readonly<Record<string, unknown>>;

/** One result row: the hydrated entity of the main alias and the raw values selected with it. */
export interface EntityRow<E> {
  readonly entity: E;
  readonly raw: RawRow;
}

/**
 * Runs `query` once and pairs each entity with its raw row, so joined names come from the same
 * statement. The query may only join many-to-one (one row per entity).
 */
export async function entityRows<E extends ObjectLiteral & { readonly id: string }>(
  query: SelectQueryBuilder<E>,
): Promise<EntityRow<E>[]> {
  const idKey = `${query.alias}_id`;
  const { entities, raw } = await query.getRawAndEntities<Record<string, unknown>>();
  const rawById = new Map<string, RawRow>();
  for (const row of raw) rawById.set(sqlText(row[idKey]), row);
  return entities.map((entity) => ({ entity, raw: rawById.get(entity.id) ?? {} }));
}

/**
 * One page of `query` in at most two statements whatever the page size: a COUNT of the matching
 * rows, then the page's rows ordered by id with LIMIT/OFFSET. A first page that comes back short
 * holds every matching row, so its count is its length and the COUNT is not sent (a lookup by id,
 * as a job's result reads its backup back, or any small list); past the first page the COUNT goes
 * first and the page is skipped when it lies past the end.
 */
export async function fetchPage<E extends ObjectLiteral & { readonly id: string }, T>(
  query: SelectQueryBuilder<E>,
  page: PageRequest,
  toItem: (row: EntityRow<E>) => T,
): Promise<Page<T>> {
  const paged = () => {
    const select = query.clone().orderBy(`${query.alias}.id`, 'ASC');
    if (page.offset > 0) select.offset(page.offset);
    if (page.limit !== undefined) select.limit(page.limit);
    else if (page.offset > 0) select.limit(NO_LIMIT);
    return select;
  };
  if (page.offset === 0 && page.limit !== 0) {
    const rows = await entityRows(paged());
    if (page.limit === undefined || rows.length < page.limit) return { items: rows.map(toItem), total: rows.length };
    return { items: rows.map(toItem), total: await countRows(query) };
  }
  const total = await countRows(query);
  if (total === 0 || page.offset >= total || page.limit === 0) return { items: [], total };
  const rows = await entityRows(paged());
  return { items: rows.map(toItem), total };
}

/**
 * `COUNT(*)` of the query's rows. The lists join many-to-one only (one row per entity), so the
 * `COUNT(DISTINCT id)` TypeORM's `getCount` writes is not needed; and with the joined names no
 * longer selected, MariaDB drops the LEFT JOINs on primary keys (table elimination), so a count
 * without filters on joined tables is read from the main table's index alone.
 */
async function countRows<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): Promise<number> {
  const row = await query.clone().select('COUNT(*)', 'total').orderBy().offset(undefined).limit(undefined).getRawOne<{ total: unknown }>();
  return Number(row?.total ?? 0);
}

/** A string column of a raw row; `''` when NULL (CloudStack shows empty names). */
export function rawText(raw: RawRow, key: string): string {
  return sqlText(raw[key]);
}

/** A nullable column of a raw row, `undefined` when NULL. */
export function rawOptionalText(raw: RawRow, key: string): string | undefined {
  return sqlOptionalText(raw[key]);
}
