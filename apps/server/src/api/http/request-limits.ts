import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { type RequestLimits } from '../ports/api-settings';
import { type ReceivedBody } from './read-form-body';
import { RequestParams } from './request-params';

/** A request's parameters, and why it is refused when it breaks a limit. */
export interface AdmittedRequest {
  /**
   * Query string and form body parameters; for a body too large to keep, only the query string's
   * and the body's `command` and `response` (enough to answer in the right envelope).
   */
  readonly params: RequestParams;
  readonly refusal: ApiError | undefined;
}

/**
 * Parses a request as received and checks it against the limits. The most precise answer comes
 * first: a name or a value that is too large is named (the value is never echoed), then too many
 * parameters, then the total. Values are measured once decoded, the total as received.
 *
 * The refusal is InvalidParameterValueException's 431/4350, in CloudStack's wording style ("Value
 * greater than max allowed length 255 for param: name").
 */
export function admitRequest(queryString: string, body: ReceivedBody, limits: RequestLimits): AdmittedRequest {
  if ('text' in body) {
    const params = RequestParams.parse(queryString, body.text);
    const refusal =
      oversizedParamError(params, limits) ??
      parameterCountError(params.all.length, limits) ??
      totalSizeError(queryString, body, limits);
    return { params, refusal };
  }
  const query = RequestParams.parse(queryString);
  const summary = body.tooLarge;
  const params = RequestParams.of([...query.all, ...summary.envelopeParams]);
  const refusal =
    oversizedParamError(query, limits) ??
    (summary.oversized === undefined ? undefined : oversizedError(summary.oversized.name, limits)) ??
    parameterCountError(query.all.length + summary.parameters, limits) ??
    totalSizeError(queryString, body, limits);
  return { params, refusal };
}

function oversizedParamError(params: RequestParams, limits: RequestLimits): ApiError | undefined {
  for (const [name, value] of params.all) {
    if (Buffer.byteLength(name, 'utf8') > limits.maxValueBytes) return oversizedError(undefined, limits);
    if (Buffer.byteLength(value, 'utf8') > limits.maxValueBytes) return oversizedError(name, limits);
  }
  return undefined;
}

/** `name` undefined: the name itself is too large (and is not repeated). */
function oversizedError(name: string | undefined, limits: RequestLimits): ApiError {
  return tooLarge(
    name === undefined
      ? `Parameter name greater than the maximum allowed size of ${limits.maxValueBytes} bytes`
      : `Value of parameter ${name} is greater than the maximum allowed size of ${limits.maxValueBytes} bytes`,
  );
}

function parameterCountError(count: number, limits: RequestLimits): ApiError | undefined {
  return count > limits.maxParameters
    ? tooLarge(`Request has more than the maximum allowed ${limits.maxParameters} parameters`)
    : undefined;
}

function totalSizeError(queryString: string, body: ReceivedBody, limits: RequestLimits): ApiError | undefined {
  // The raw query string holds one character per byte received (Node reads the request line as Latin-1).
  return queryString.length + body.bytes > limits.maxRequestBytes
    ? tooLarge(
        `Request is greater than the maximum allowed size of ${limits.maxRequestBytes} bytes (query string and form body together)`,
      )
    : undefined;
}

function tooLarge(message: string): ApiError {
  return new ApiError(ApiErrorCode.PARAM_ERROR, message, {
    csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
  });
}
