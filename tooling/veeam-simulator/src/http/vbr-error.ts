/** `errorCode` values of Veeam's `Error` model. */
export type VbrErrorCode =
  | 'AccessDenied'
  | 'ExpiredToken'
  | 'InvalidToken'
  | 'InvalidURI'
  | 'MethodNotAllowed'
  | 'NotFound'
  | 'NotImplemented'
  | 'ServiceUnavailable'
  | 'UnexpectedContent'
  | 'UnknownError';

/** Veeam's error body: `{ errorCode, message, resourceId? }`. */
export interface VbrErrorBody {
  errorCode: VbrErrorCode;
  message: string;
  resourceId?: string;
}

/** Thrown by handlers; the server turns it into the status and Veeam's error body. */
export class VbrError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: VbrErrorCode,
    message: string,
    readonly resourceId?: string,
  ) {
    super(message);
    this.name = 'VbrError';
  }

  toBody(): VbrErrorBody {
    const body: VbrErrorBody = { errorCode: this.errorCode, message: this.message };
    if (this.resourceId !== undefined) body.resourceId = this.resourceId;
    return body;
  }
}

// The messages of Veeam's own examples, so clients can be tested against the real wording.
export const UNAUTHORIZED_MESSAGE = 'Unauthorized. Get bearer JWT token at /api/login';
export const UNSUPPORTED_VERSION_MESSAGE = 'The specified API version is not supported.';
export const INVALID_PARAMETERS_MESSAGE = 'One or more request parameters are not valid.';

export function badRequest(message: string = INVALID_PARAMETERS_MESSAGE): VbrError {
  return new VbrError(400, 'UnexpectedContent', message);
}

export function notFound(resourceId: string, what = 'Resource'): VbrError {
  return new VbrError(404, 'NotFound', `${what} does not exist`, resourceId);
}

export function forbidden(): VbrError {
  return new VbrError(403, 'AccessDenied', 'Forbidden');
}

/** The default error body for an injected or unexpected status. */
export function errorForStatus(status: number, message?: string): VbrError {
  if (status === 503) {
    return new VbrError(
      503,
      'ServiceUnavailable',
      message ??
        'The request has been received but could not be completed because of an internal error at the server side.',
    );
  }
  if (status === 401) return new VbrError(401, 'AccessDenied', message ?? UNAUTHORIZED_MESSAGE);
  if (status === 403) return new VbrError(403, 'AccessDenied', message ?? 'Forbidden');
  if (status === 404) return new VbrError(404, 'NotFound', message ?? 'Resource does not exist');
  if (status === 400) return badRequest(message);
  return new VbrError(status, 'UnknownError', message ?? 'The request could not be processed.');
}
