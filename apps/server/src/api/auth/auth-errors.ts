import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';

/**
 * Authentication failures as CloudStack's servlet writes them: its "plain int" error path, which
 * sets NO `cserrorcode` (protocol doc §5.3).
 */
export function signatureVerificationFailed(): ApiError {
  return new ApiError(ApiErrorCode.UNAUTHORIZED, 'unable to verify user credentials and/or request signature');
}

export function sessionVerificationFailed(): ApiError {
  return new ApiError(ApiErrorCode.UNAUTHORIZED, 'unable to verify user credentials');
}

export function noCommandSpecified(): ApiError {
  return new ApiError(ApiErrorCode.BAD_REQUEST, 'no command specified');
}

/** The role checker's PermissionDeniedException, rethrown as a 401 `ServerApiException` (§2.1.3 step 7). */
export function commandNotAvailable(command: string): ApiError {
  return new ApiError(
    ApiErrorCode.UNAUTHORIZED,
    `The given command '${command}' either does not exist, is not available for user.`,
    { csErrorCode: CsErrorCode.SERVER_API_EXCEPTION },
  );
}

/** An unknown command once authenticated (session path): 432 under `errorresponse`. */
export function unknownCommand(command: string): ApiError {
  return new ApiError(ApiErrorCode.UNSUPPORTED_ACTION_ERROR, `Unknown API command: ${command}`, {
    csErrorCode: CsErrorCode.SERVER_API_EXCEPTION,
  });
}

/** A failed login: 531 under `loginresponse`, no `cserrorcode`. */
export function loginFailed(message: string): ApiError {
  return new ApiError(ApiErrorCode.ACCOUNT_ERROR, message);
}
