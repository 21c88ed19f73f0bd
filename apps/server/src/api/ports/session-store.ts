import { type Caller } from '@csbr/framework/host';
import { type LoginResult } from './api-user-store';

/** An HTTP session created by `login`. */
export interface ApiSession {
  /** The `JSESSIONID` cookie value. */
  readonly id: string;
  /** The anti-CSRF token: 20 random bytes, URL-safe base64 without padding (27 characters). */
  readonly sessionKey: string;
  readonly caller: Caller;
  readonly login: LoginResult;
}

/** Sessions of username/password logins (`JSESSIONID` + `sessionkey`). */
export interface SessionStore {
  /** Starts a session for a successful login. */
  create(login: LoginResult): Promise<ApiSession>;
  /** The live session with this id (its inactivity timer restarted), or undefined when unknown or expired. */
  get(id: string): Promise<ApiSession | undefined>;
  /** Ends the session; unknown ids are ignored. */
  destroy(id: string): Promise<void>;
}
