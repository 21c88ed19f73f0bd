import { type AccountScope, type Page, type PageRequest } from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { LIKE_ESCAPE, startsWithPattern } from './like-pattern';

/**
 * The list read path without TypeORM's query builder and entity hydration: hand-written SQL that
 * both engines (MySQL/MariaDB and sql.js) accept, whose rows are mapped straight to the views the
 * responses are built from. One row object from the driver, one view per listed row.
 */

/** A row as the driver hands it back (`?` placeholders, columns by their `AS` names). */
export type SqlRow = Readonly<Record<string, unknown>>;

/** WHERE conditions and their parameters, in placeholder order. */
export class SqlConditions {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];
  /** Joins the count and the page's id query need for the conditions (e.g. a joined name filter). */
  readonly joins: string[] = [];

  add(condition: string, ...params: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  /** Adds `join` once, however many conditions need it. */
  join(join: string): this {
    if (!this.joins.includes(join)) this.joins.push(join);
    return this;
  }

  /** ` JOIN … WHERE …` for the main table's alias. */
  get clause(): string {
    const joins = this.joins.length === 0 ? '' : ` ${this.joins.join(' ')}`;
    return `${joins}${this.conditions.length === 0 ? '' : ` WHERE ${this.conditions.join(' AND ')}`}`;
  }
}

/** Where a listed row's owner is, for {@link addAccountScope}. */
export interface RawOwnerColumns {
  /** e.g. `b.account_id`. */
  readonly account: string;
  /** e.g. `b.domain_id`. */
  readonly domain: string;
}

/**
 * CloudStack's list scoping, as `applyAccountScope` writes it for the query builder: one account,
 * one domain, or a domain and its subdomains by domain path prefix (an inner join on the domain).
 */
export function addAccountScope(where: SqlConditions, scope: AccountScope, owner: RawOwnerColumns): void {
  switch (scope.kind) {
    case 'all':
      return;
    case 'account':
      where.add(`${owner.account} = ?`, scope.accountId);
      return;
    case 'domain':
      if (!scope.recursive) {
        where.add(`${owner.domain} = ?`, scope.domainId);
        return;
      }
      where.join(`JOIN domain scope_domain ON scope_domain.id = ${owner.domain}`);
      where.add(`scope_domain.path LIKE ? ${LIKE_ESCAPE}`, startsWithPattern(scope.domainPath));
      return;
  }
}

/** What one raw page reads: the table, its alias and conditions, and the columns the views need. */
export interface RawPageQuery<T> {
  /** e.g. `backups b`. */
  readonly from: string;
  /** The alias of `from`, e.g. `b`; its `id` orders the page. */
  readonly alias: string;
  readonly where: SqlConditions;
  /** The page's columns, e.g. `b.uuid, v.name AS vm_name`. */
  readonly columns: string;
  /** The joins to the names the response shows, e.g. `LEFT JOIN vm_instance v ON v.id = b.vm_id`. */
  readonly joins: string;
  readonly toItem: (row: SqlRow) => T;
}

/** MySQL refuses OFFSET without LIMIT; this stands for "no limit". */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * One page and the number of matching rows in ONE statement whatever the page size: the page's ids
 * first (the deferred join: only the page's rows are read in full and joined to their names), with
 * an uncorrelated `COUNT(*)` (from an index when the conditions allow; both engines run it once)
 * beside them. A page past the end has no row to carry the count, so only then is it read alone.
 * The same answer as `fetchPage`: no items when the count is 0, the page is past the end or its
 * size is 0.
 */
export async function fetchRawPage<T>(manager: EntityManager, query: RawPageQuery<T>, page: PageRequest): Promise<Page<T>> {
  const { alias, where } = query;
  const matching = `${query.from}${where.clause}`;
  if (page.limit === 0) return { items: [], total: await countRows(manager, matching, where.params) };
  const ids = `SELECT ${alias}.id FROM ${matching} ORDER BY ${alias}.id LIMIT ? OFFSET ?`;
  const rows: SqlRow[] = await manager.query(
    `SELECT (SELECT COUNT(*) FROM ${matching}) AS page_total, ${query.columns} FROM (${ids}) page JOIN ${query.from} ON ${alias}.id = page.id` +
      ` ${query.joins} ORDER BY ${alias}.id`,
    [...where.params, ...where.params, page.limit ?? NO_LIMIT, page.offset],
  );
  const first = rows[0];
  if (first === undefined) {
    return { items: [], total: page.offset === 0 ? 0 : await countRows(manager, matching, where.params) };
  }
  const items = new Array<T>(rows.length);
  for (let index = 0; index < rows.length; index += 1) items[index] = query.toItem(rows[index]!);
  return { items, total: Number(first.page_total) };
}

/** `COUNT(*)` of `matching` (`<table> <alias> [JOIN …] WHERE …`). */
async function countRows(manager: EntityManager, matching: string, params: readonly unknown[]): Promise<number> {
  const rows: SqlRow[] = await manager.query(`SELECT COUNT(*) AS total FROM ${matching}`, [...params]);
  return Number(rows[0]?.total ?? 0);
}

/** Ids: MySQL's bigints arrive as strings (`bigNumberStrings`), sql.js's as numbers. */
export function sqlId(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** A text column; `''` when NULL (CloudStack shows empty names). */
export function sqlText(value: unknown): string {
  return sqlOptionalText(value) ?? '';
}

/** A nullable text column, `undefined` when NULL. */
export function sqlOptionalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}

/**
 * A DATETIME column: mysql2 hands back a `Date` (the pool's time zone is UTC), sql.js the text
 * `YYYY-MM-DD HH:MM:SS`, which is UTC as csbr writes it (as TypeORM's SQLite driver reads it).
 */
export function sqlDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    let text = value;
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d/.test(text)) text = text.replace(' ', 'T');
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += 'Z';
    return new Date(text);
  }
  if (typeof value === 'number') return new Date(value);
  return null;
}
