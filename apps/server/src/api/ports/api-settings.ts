/** Where a session request must carry its `sessionkey` (CloudStack's `api.sessionkey.check.locations`). */
export type SessionKeyCheck = 'CookieAndParameter' | 'CookieOrParameter' | 'ParameterOnly';

/**
 * What one request may carry; larger requests are refused (431) before anything else runs. Sizes
 * are bytes: the total as received (query string plus form body, still percent-encoded), a name or
 * a value once decoded (UTF-8).
 */
export interface RequestLimits {
  readonly maxRequestBytes: number;
  readonly maxValueBytes: number;
  readonly maxParameters: number;
}

/**
 * The defaults (README, "Request limits"). CloudStack lets Jetty take 8 KiB of request line and
 * headers and 1 MiB of form body; csbr's largest parameter is 4,095 characters (a configuration
 * value), and an async job records its parameters in a 64 KiB column.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxRequestBytes: 64 * 1024,
  maxValueBytes: 16 * 1024,
  maxParameters: 256,
};

/** Settings of the API layer. */
export interface ApiSettings {
  /** CloudStack's `default.page.size`: the default and maximum page size. */
  readonly maxPageSize: number;
  /** Session inactivity timeout in seconds, also shown as the login's `timeout`. */
  readonly sessionTimeoutSeconds: number;
  readonly sessionKeyCheck: SessionKeyCheck;
  /** Adds `Secure` to the session cookies (`enable.secure.session.cookie`). */
  readonly secureSessionCookie: boolean;
  readonly requestLimits: RequestLimits;
}

export const DEFAULT_API_SETTINGS: ApiSettings = {
  maxPageSize: 500,
  sessionTimeoutSeconds: 1800,
  sessionKeyCheck: 'CookieAndParameter',
  secureSessionCookie: false,
  requestLimits: DEFAULT_REQUEST_LIMITS,
};
