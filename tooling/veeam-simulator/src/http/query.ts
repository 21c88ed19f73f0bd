import { isUuid } from '../model/ids';
import { badRequest } from './vbr-error';

/** Veeam's collection envelope. */
export interface Paged<T> {
  data: T[];
  pagination: { total: number; count: number; skip: number; limit?: number };
}

export interface Paging {
  skip: number;
  /** Undefined: no limit (1.2 without `limit`, when no default cap is configured). */
  limit: number | undefined;
}

function nonNegativeInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw badRequest(`The value '${raw}' is not valid for ${name}.`);
  }
  return value;
}

/** `skip` and `limit`, with the default limit that applies when the client sends none. */
export function readPaging(query: URLSearchParams, defaultLimit: number | undefined): Paging {
  return {
    skip: nonNegativeInteger(query, 'skip') ?? 0,
    limit: nonNegativeInteger(query, 'limit') ?? defaultLimit,
  };
}

/** One page of already filtered and sorted items, with the total before paging. */
export function pageOf<T, R>(
  items: readonly T[],
  paging: Paging,
  render: (item: T) => R,
): Paged<R> {
  const end = paging.limit === undefined ? items.length : paging.skip + paging.limit;
  const data = items.slice(paging.skip, end).map(render);
  return envelope(data, items.length, paging);
}

export function envelope<R>(data: R[], total: number, paging: Paging): Paged<R> {
  const pagination: Paged<R>['pagination'] = { total, count: data.length, skip: paging.skip };
  if (paging.limit !== undefined) pagination.limit = paging.limit;
  return { data, pagination };
}

/** `nameFilter`: `*` matches any run of characters, the rest literally, case-insensitively. */
export function wildcardMatcher(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) {
    const wanted = pattern.toLowerCase();
    return (value) => value.toLowerCase() === wanted;
  }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 'i');
  return (value) => regex.test(value);
}

export function stringParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`The value '${value}' is not valid for ${name}.`);
  }
  return value as T;
}

/** An array filter (1.3-rev2 `typeFilter` and friends): repeated keys, each also comma-separated. */
export function enumListParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const values = query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length === 0) return undefined;
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw badRequest(`The value '${value}' is not valid for ${name}.`);
    }
  }
  return values as T[];
}

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'true') return true;
  if (value.toLowerCase() === 'false') return false;
  throw badRequest(`The value '${value}' is not valid for ${name}.`);
}

export function dateParam(query: URLSearchParams, name: string): number | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`The value '${value}' is not valid for ${name}.`);
  return time;
}

export function uuidParam(query: URLSearchParams, name: string): string | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  if (!isUuid(value)) throw badRequest(`The value '${value}' is not valid for ${name}.`);
  return value.toLowerCase();
}

/** Sorts a copy by the key a column maps to; `orderAsc` defaults to ascending. */
export function sortBy<T>(
  items: readonly T[],
  key: ((item: T) => string | number) | undefined,
  ascending: boolean | undefined,
): readonly T[] {
  if (key === undefined) return ascending === false ? [...items].reverse() : items;
  const direction = ascending === false ? -1 : 1;
  return [...items].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    if (left < right) return -direction;
    if (left > right) return direction;
    return 0;
  });
}
