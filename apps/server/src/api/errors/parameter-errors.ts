import { ApiError } from './api-error';
import { ApiErrorCode, CsErrorCode } from './api-error-codes';

/**
 * The binding errors of CloudStack's `ParamProcessWorker` and `BaseListCmd`, with its exact wording
 * (protocol doc §5.3, §7, §8). `commandName` is the API name; CloudStack prints it lowercased (its
 * response name without the `response` suffix).
 */

function paramError(message: string, csErrorCode: number = CsErrorCode.SERVER_API_EXCEPTION): ApiError {
  return new ApiError(ApiErrorCode.PARAM_ERROR, message, { csErrorCode });
}

function prefix(commandName: string): string {
  return `Unable to execute API command ${commandName.toLowerCase()} due to`;
}

export function missingParameterError(commandName: string, parameter: string): ApiError {
  return paramError(`${prefix(commandName)} missing parameter ${parameter}`);
}

export function invalidValueError(commandName: string, parameter: string, value: string): ApiError {
  return paramError(`${prefix(commandName)} invalid value ${value} for parameter ${parameter}`);
}

export function unknownEntityError(commandName: string, parameter: string, value: string): ApiError {
  return paramError(
    `${prefix(commandName)} invalid value. Invalid parameter ${parameter} value=${value} due to incorrect long ` +
      'value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.',
  );
}

export function valueTooLongError(commandName: string, parameter: string, maxLength: number): ApiError {
  return paramError(
    `${prefix(commandName)} invalid value. Value greater than max allowed length ${maxLength} for param: ${parameter}`,
  );
}

export function unparseableDateError(commandName: string, value: string): ApiError {
  return paramError(
    `Unable to parse date ${value} for command ${commandName.toLowerCase()}, please pass dates in the format ` +
      'mentioned in the api documentation',
  );
}

export function illegalCharactersError(parameter: string): ApiError {
  return paramError(`Received value containing illegal ASCII non-printable characters for parameter ${parameter}`);
}

export function pageRequiresPageSizeError(): ApiError {
  return paramError('"pagesize" parameter is required when "page" is specified');
}

export function pageSizeRequiresPageError(): ApiError {
  return paramError('"page" parameter is required when "pagesize" is specified');
}

export function pageSizeTooLargeError(maxPageSize: number): ApiError {
  return paramError(
    `Page size can't exceed max allowed page size value: ${maxPageSize}`,
    CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
  );
}

export function pageWithUnlimitedPageSizeError(): ApiError {
  return paramError(
    "Can't specify page parameter when pagesize is -1 (Unlimited)",
    CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
  );
}
