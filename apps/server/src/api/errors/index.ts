export { ApiError, isApiError, type ApiErrorOptions, type ErrorUuidRef } from './api-error';
export { ApiErrorCode, CsErrorCode, GENERIC_INTERNAL_ERROR_MESSAGE } from './api-error-codes';
export { toApiError } from './cloudstack-error.mapper';
export * from './parameter-errors';
