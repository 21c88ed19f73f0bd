/** One entry of an error's `uuidList`: a uuid named in the message. */
export interface ErrorUuidRef {
  readonly uuid: string;
  readonly description?: string;
}

/** What the error envelope needs; `csErrorCode` undefined leaves `cserrorcode` out of the body. */
export interface ApiErrorOptions {
  readonly csErrorCode?: number;
  readonly uuidList?: readonly ErrorUuidRef[];
}

/**
 * An error the client sees as CloudStack's error envelope: `errorcode` (= HTTP status), optional
 * `cserrorcode`, `errortext` (= `message`). Commands may throw it directly; other errors go through
 * `toApiError` in `cloudstack-error.mapper.ts`.
 */
export class ApiError extends Error {
  readonly errorCode: number;
  readonly csErrorCode: number | undefined;
  readonly uuidList: readonly ErrorUuidRef[];

  constructor(errorCode: number, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'ApiError';
    this.errorCode = errorCode;
    this.csErrorCode = options.csErrorCode;
    this.uuidList = options.uuidList ?? [];
  }
}

/** Whether `value` is an {@link ApiError}. Only this server creates them, so instanceof is safe. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
