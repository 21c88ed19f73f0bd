import { type ApiRequest } from '../http/route';
import { booleanParam } from '../http/query';

/** The page size when the client sends no `limit`: 200 on 1.3, the configured cap on 1.2. */
export function defaultLimit(request: ApiRequest): number | undefined {
  return request.codec.v13 ? 200 : request.context.options.v12DefaultLimit;
}

/** `orderAsc`, validated. */
export function orderAsc(request: ApiRequest): boolean | undefined {
  return booleanParam(request.query, 'orderAsc');
}
