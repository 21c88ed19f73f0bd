/**
 * Stable error codes. Clients of the API see CloudStack's error code and the message; these codes
 * are for logs, diagnostics and the host's mapping to CloudStack's envelope.
 *
 * @public
 * @since 1.0.0
 */
export const BackupErrorCodes = {
  /** A parameter value is invalid (CloudStack: 431 / InvalidParameterValueException). */
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  /** The caller may not act on the resource (CloudStack: 531 / PermissionDeniedException). */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** A referenced resource does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The resource is not in a state that allows the operation. */
  INVALID_STATE: 'INVALID_STATE',
  /** The resource already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** The resource is still in use. */
  IN_USE: 'IN_USE',
  /** Another backup operation holds the VM. */
  OPERATION_IN_PROGRESS: 'OPERATION_IN_PROGRESS',
  /** The backup framework is disabled for the zone. */
  ZONE_DISABLED: 'ZONE_DISABLED',
  /** The provider does not support the operation. */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  /** The operation failed for another reason. */
  OPERATION_FAILED: 'OPERATION_FAILED',
  /** The vendor system cannot be reached. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The vendor system refused the credentials. */
  UPSTREAM_AUTH_FAILED: 'UPSTREAM_AUTH_FAILED',
  /** The vendor system refused the request. */
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  /** A vendor job or task is unknown. */
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  /** A vendor call did not finish in time. */
  TIMEOUT: 'TIMEOUT',
  /** No registered provider has the name a zone selects. */
  PROVIDER_NOT_FOUND: 'PROVIDER_NOT_FOUND',
  /** Discovery: the package.json marker is malformed. */
  PROVIDER_INVALID_MARKER: 'PROVIDER_INVALID_MARKER',
  /** Discovery: the marker's contract range does not include this framework's contract version. */
  PROVIDER_INCOMPATIBLE: 'PROVIDER_INCOMPATIBLE',
  /** Discovery: the default export is not a valid branded definition. */
  PROVIDER_INVALID_DEFINITION: 'PROVIDER_INVALID_DEFINITION',
  /** Discovery: importing the package threw. */
  PROVIDER_LOAD_FAILED: 'PROVIDER_LOAD_FAILED',
  /** Discovery: two packages claim the same provider name. */
  PROVIDER_DUPLICATE_NAME: 'PROVIDER_DUPLICATE_NAME',
  /** Discovery: a provider declares a configuration key another one already declares. */
  PROVIDER_CONFIG_KEY_CONFLICT: 'PROVIDER_CONFIG_KEY_CONFLICT',
  /** Discovery: the provider's `create()` threw. */
  PROVIDER_CREATE_FAILED: 'PROVIDER_CREATE_FAILED',
} as const;

/** @public */
export type BackupErrorCode = (typeof BackupErrorCodes)[keyof typeof BackupErrorCodes];
