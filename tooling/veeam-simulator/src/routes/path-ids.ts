import { isUuid } from '../model/ids';
import { type ApiRequest } from '../http/route';
import { badRequest } from '../http/vbr-error';

/** A `{name}` path parameter that must be a UUID, lower-cased (VBR ids are case-insensitive). */
export function pathId(request: ApiRequest, name = 'id'): string {
  const value = request.params[name] ?? '';
  if (!isUuid(value)) throw badRequest(`The value '${value}' is not a valid ${name}.`);
  return value.toLowerCase();
}
