/** Where a session request must carry its `sessionkey` (CloudStack's `api.sessionkey.check.locations`). */
export type SessionKeyCheck = 'CookieAndParameter' | 'CookieOrParameter' | 'ParameterOnly';

/** Settings of the API layer. */
export interface ApiSettings {
  /** CloudStack's `default.page.size`: the default and maximum page size. */
  readonly maxPageSize: number;
  /** Session inactivity timeout in seconds, also shown as the login's `timeout`. */
  readonly sessionTimeoutSeconds: number;
  readonly sessionKeyCheck: SessionKeyCheck;
  /** Adds `Secure` to the session cookies (`enable.secure.session.cookie`). */
  readonly secureSessionCookie: boolean;
}

export const DEFAULT_API_SETTINGS: ApiSettings = {
  maxPageSize: 500,
  sessionTimeoutSeconds: 1800,
  sessionKeyCheck: 'CookieAndParameter',
  secureSessionCookie: false,
};
