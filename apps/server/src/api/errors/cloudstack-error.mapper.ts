import { Logger } from '@nestjs/common';
import { isBackupError } from '@csbr/framework';
import { ApiError, isApiError } from './api-error';
import { ApiErrorCode, CsErrorCode, GENERIC_INTERNAL_ERROR_MESSAGE } from './api-error-codes';
import { boundErrorText } from './bound-error-text';

const logger = new Logger('CloudStackErrorMapper');

/**
 * The ONE place where failures become CloudStack's error envelope (architecture guide §6.3).
 *
 * - {@link ApiError}: as it is.
 * - `BackupError`: `INVALID_PARAMETER` → 431/4350 (InvalidParameterValueException),
 *   `PERMISSION_DENIED` → 531/4365 (PermissionDeniedException), every other code → 530/9999, because
 *   CloudStack's backup commands catch their failures and rethrow `ServerApiException(INTERNAL_ERROR,
 *   e.getMessage())`. The message is the framework's, which is CloudStack's wording.
 * - Anything else is a bug or an unexpected failure: 530/4250 with CloudStack's generic message; the
 *   error is logged here and its details (stack, message) never reach the client.
 *
 * Every text is bounded here ({@link boundErrorText}): an error may echo a client's value, and the
 * same text goes into the body, `X-Description`, a failed job's result and the failed event.
 */
export function toApiError(error: unknown): ApiError {
  const apiError = mapError(error);
  const bounded = boundErrorText(apiError.message);
  return bounded === apiError.message
    ? apiError
    : new ApiError(apiError.errorCode, bounded, { csErrorCode: apiError.csErrorCode, uuidList: apiError.uuidList });
}

function mapError(error: unknown): ApiError {
  if (isApiError(error)) {
    return error;
  }
  if (isBackupError(error)) {
    if (error.code === 'INVALID_PARAMETER') {
      return new ApiError(ApiErrorCode.PARAM_ERROR, error.message, {
        csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
      });
    }
    if (error.code === 'PERMISSION_DENIED') {
      return new ApiError(ApiErrorCode.ACCOUNT_ERROR, error.message, {
        csErrorCode: CsErrorCode.PERMISSION_DENIED_EXCEPTION,
      });
    }
    return new ApiError(ApiErrorCode.INTERNAL_ERROR, error.message, {
      csErrorCode: CsErrorCode.SERVER_API_EXCEPTION,
    });
  }
  logger.error(
    'Unexpected error while executing an API command',
    error instanceof Error ? error.stack : String(error),
  );
  return new ApiError(ApiErrorCode.INTERNAL_ERROR, GENERIC_INTERNAL_ERROR_MESSAGE, {
    csErrorCode: CsErrorCode.CLOUD_RUNTIME_EXCEPTION,
  });
}
