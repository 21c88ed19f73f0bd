import { type CommandResult } from '../command-definition';
import { type ApiError } from '../errors/api-error';
import { type ApiResponseBody } from '../serialization/api-response';
import { jsonBody } from '../serialization/json-serializer';
import { toWireObject, type WireObject } from '../serialization/wire-value';

/** The reply body of a command's result. */
export function resultToBody(result: CommandResult): ApiResponseBody {
  switch (result.kind) {
    case 'list':
      return { kind: 'list', objectName: result.objectName, items: result.items, count: result.total };
    case 'object':
      return { kind: 'object', objectName: result.objectName, item: result.item };
    case 'success':
      return { kind: 'success', displayText: result.displayText };
    case 'flat':
      return { kind: 'flat', fields: result.fields };
  }
}

/**
 * A finished job's `jobresult` (CloudStack's `ResponseObjectTypeAdapter`, protocol doc §6.2):
 * `{"<objectName>":{…}}` for an object, `{"success":true}` (with `details`, not `displaytext`) for a
 * success, the list or flat fields otherwise.
 */
export function jobResultOf(result: CommandResult): WireObject {
  switch (result.kind) {
    case 'success':
      return toWireObject({ success: true, details: result.displayText });
    case 'list':
    case 'object':
    case 'flat':
      return jsonBody(resultToBody(result));
  }
}

/** A failed job's `jobresult`: `{"errorcode":N,"errortext":"…"}`, no `cserrorcode`, no `uuidList`. */
export function jobErrorOf(error: ApiError): WireObject {
  return { errorcode: error.errorCode, errortext: error.message };
}
