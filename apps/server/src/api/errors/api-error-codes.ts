/**
 * CloudStack's `ApiErrorCode` values. The HTTP status of an error reply is always equal to its
 * `errorcode` (protocol doc §5.1).
 */
export const ApiErrorCode = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  METHOD_NOT_ALLOWED: 405,
  UNAUTHORIZED_2FA: 411,
  API_LIMIT_EXCEED: 429,
  MALFORMED_PARAMETER_ERROR: 430,
  PARAM_ERROR: 431,
  UNSUPPORTED_ACTION_ERROR: 432,
  INTERNAL_ERROR: 530,
  ACCOUNT_ERROR: 531,
  ACCOUNT_RESOURCE_LIMIT_ERROR: 532,
  INSUFFICIENT_CAPACITY_ERROR: 533,
  RESOURCE_UNAVAILABLE_ERROR: 534,
  RESOURCE_ALLOCATION_ERROR: 535,
  RESOURCE_IN_USE_ERROR: 536,
  NETWORK_RULE_CONFLICT_ERROR: 537,
} as const;

/**
 * CloudStack's `CSExceptionErrorCode` values that this server emits: the Java exception class that
 * caused an error (protocol doc §5.2).
 */
export const CsErrorCode = {
  /** `ServerApiException` raised directly: parameter binding, a command's own failure. */
  SERVER_API_EXCEPTION: 9999,
  /** `CloudRuntimeException`: an unexpected failure. */
  CLOUD_RUNTIME_EXCEPTION: 4250,
  /** `InvalidParameterValueException`. */
  INVALID_PARAMETER_VALUE_EXCEPTION: 4350,
  /** `PermissionDeniedException`. */
  PERMISSION_DENIED_EXCEPTION: 4365,
  /** `UnavailableCommandException`. */
  UNAVAILABLE_COMMAND_EXCEPTION: 4555,
} as const;

/** CloudStack's `BaseCmd.USER_ERROR_MESSAGE`, shown instead of an unexpected failure's details. */
export const GENERIC_INTERNAL_ERROR_MESSAGE =
  'Internal error executing command, please contact your system administrator';
