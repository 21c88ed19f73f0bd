import { type ApiResponse, type ApiResponseBody } from './api-response';
import { isWireReady, toWireObject, type WireObject } from './wire-value';

/**
 * CloudStack's JSON (protocol doc §3): one top-level key, no whitespace. `JSON.stringify` leaves
 * `< > & = '` and non-ASCII characters raw, which is what CloudStack's serializer ends up writing
 * after its `unescape` step (§3.2).
 */
export function serializeJson(response: ApiResponse): string {
  return JSON.stringify({ [response.responseName]: jsonBody(response.body) });
}

/** The value under the top-level key. Exported for job results, which embed a body. */
export function jsonBody(body: ApiResponseBody): WireObject {
  switch (body.kind) {
    case 'list':
      return listBody(body.objectName, body.items, body.count);
    case 'object':
      return { [body.objectName]: toWireObject(body.item) };
    case 'flat':
      return toWireObject(body.fields);
    case 'success':
      return toWireObject({ success: true, displaytext: body.displayText });
    case 'error':
      return toWireObject({
        uuidList: body.uuidList.map((ref) => toWireObject({ uuid: ref.uuid, description: ref.description })),
        errorcode: body.errorCode,
        cserrorcode: body.csErrorCode,
        errortext: body.errorText,
      });
  }
}

/**
 * `{}` when the count is 0 (Marvin turns it into None, and the backup smoke test relies on that);
 * `{"count":N}` for a page past the end; else `{"count":N,"<objectName>":[…]}`.
 */
function listBody(objectName: string, items: readonly object[], count: number): WireObject {
  if (count === 0) {
    return {};
  }
  if (items.length === 0) {
    return { count };
  }
  return { count, [objectName]: items.map((item) => (isWireReady(item) ? (item as WireObject) : toWireObject(item))) };
}
