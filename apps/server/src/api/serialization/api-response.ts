import { type ErrorUuidRef } from '../errors/api-error';

/**
 * What the serializers write, independent of JSON or XML. Objects are plain objects: their own
 * enumerable fields in insertion order; null and undefined fields are left out.
 */
export type ApiResponseBody =
  /** `ListResponse`: `{}` when `count` is 0, else `count` then the items under `objectName`. */
  | { readonly kind: 'list'; readonly objectName: string; readonly items: readonly object[]; readonly count: number }
  /** A single object wrapped in its object name: `{"zone":{…}}`. */
  | { readonly kind: 'object'; readonly objectName: string; readonly item: object }
  /** Fields directly under the response name (async job, create, login, queryAsyncJobResult). */
  | { readonly kind: 'flat'; readonly fields: object }
  /** `SuccessResponse`: `{"success":true}` plus `displaytext`. */
  | { readonly kind: 'success'; readonly displayText?: string }
  /** `ExceptionResponse`; `cserrorcode` is left out when `csErrorCode` is undefined. */
  | {
      readonly kind: 'error';
      readonly errorCode: number;
      readonly csErrorCode?: number;
      readonly errorText: string;
      readonly uuidList: readonly ErrorUuidRef[];
    };

/** A complete reply: the top-level key (`<command>response`, `errorresponse`, …) and its body. */
export interface ApiResponse {
  readonly responseName: string;
  readonly body: ApiResponseBody;
}

/** The format asked for with `response=`; XML unless `json` (any case). */
export type ResponseFormat = 'json' | 'xml';
