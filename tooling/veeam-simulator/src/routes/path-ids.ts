import { isUuid } from '../model/ids';
import { type ApiRequest } from '../http/route';
import { badRequest, notFound } from '../http/vbr-error';

/** A `{name}` path parameter that must be a UUID, lower-cased (VBR ids are case-insensitive). */
export function pathId(request: ApiRequest, name = 'id'): string {
  const value = request.params[name] ?? '';
  if (!isUuid(value)) throw badRequest(`The value '${value}' is not a valid ${name}.`);
  return value.toLowerCase();
}

/** The record a UUID path parameter names, or 404 NotFound with that id as `resourceId`. */
export function findByPathId<T>(
  request: ApiRequest,
  what: string,
  lookup: (id: string) => T | undefined,
  param = 'id',
): T {
  const id = pathId(request, param);
  const found = lookup(id);
  if (found === undefined) throw notFound(id, what);
  return found;
}
