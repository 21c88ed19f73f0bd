import { ApiError } from './api-error';
import { ApiErrorCode, CsErrorCode } from './api-error-codes';

/*
 * The CloudStack exceptions commands throw themselves, with the envelope each one gets
 * (protocol doc §5.1, §5.2).
 */

/** `InvalidParameterValueException`: 431/4350. */
export function invalidParameter(message: string): ApiError {
  return new ApiError(ApiErrorCode.PARAM_ERROR, message, {
    csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
  });
}

/** `PermissionDeniedException`: 531/4365. */
export function permissionDenied(message: string): ApiError {
  return new ApiError(ApiErrorCode.ACCOUNT_ERROR, message, {
    csErrorCode: CsErrorCode.PERMISSION_DENIED_EXCEPTION,
  });
}

/** `CloudRuntimeException`: 530/4250, with a message the client is meant to read. */
export function operationFailed(message: string): ApiError {
  return new ApiError(ApiErrorCode.INTERNAL_ERROR, message, {
    csErrorCode: CsErrorCode.CLOUD_RUNTIME_EXCEPTION,
  });
}
