import { responseNameOf } from '../command-definition';
import { ApiErrorCode } from '../errors/api-error-codes';
import { type RequestParams } from './request-params';

const AUTHENTICATORS = new Set(['login', 'logout']);

/**
 * The top-level key of an error reply, as CloudStack's `getSerializedApiError` picks it (protocol doc
 * §5.3, §2.1.3): `errorresponse` for a 432, a request without parameters or an unknown command; the
 * literal `null` when there are parameters but no `command`; else `<command>response`.
 */
export function errorResponseName(
  params: RequestParams,
  errorCode: number,
  isRegistered: (command: string) => boolean,
): string {
  if (errorCode === ApiErrorCode.UNSUPPORTED_ACTION_ERROR || params.isEmpty) {
    return 'errorresponse';
  }
  const command = params.first('command');
  if (command === undefined) {
    return 'null';
  }
  return isRegistered(command) || AUTHENTICATORS.has(command) ? responseNameOf(command) : 'errorresponse';
}
