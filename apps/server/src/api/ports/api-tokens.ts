/** Injection tokens of the ports the API layer needs; the app provides implementations. */

/** {@link ApiUserStore} (required). */
export const API_USER_STORE = Symbol('csbr.api.ApiUserStore');
/** {@link UuidResolver} (required). */
export const UUID_RESOLVER = Symbol('csbr.api.UuidResolver');
/** {@link AsyncJobService} (required). */
export const ASYNC_JOB_SERVICE = Symbol('csbr.api.AsyncJobService');
/** {@link AccountDirectory} (required). */
export const ACCOUNT_DIRECTORY = Symbol('csbr.api.AccountDirectory');
/** {@link SessionStore}; defaults to the in-memory store. */
export const SESSION_STORE = Symbol('csbr.api.SessionStore');
/** {@link ActionEventWriter}; defaults to a no-op. */
export const ACTION_EVENT_WRITER = Symbol('csbr.api.ActionEventWriter');
/** The framework's `Clock`; defaults to the system clock. */
export const API_CLOCK = Symbol('csbr.api.Clock');
/** {@link ApiSettings}, filled with defaults by `ApiModule.forRoot`. */
export const API_SETTINGS = Symbol('csbr.api.Settings');
/** {@link SignatureReplayGuard}; defaults to none (CloudStack's behaviour). */
export const SIGNATURE_REPLAY_GUARD = Symbol('csbr.api.SignatureReplayGuard');
