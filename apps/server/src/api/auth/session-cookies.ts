import { type ApiSession } from '../ports/session-store';

/** The servlet container's session cookie. */
export const SESSION_COOKIE = 'JSESSIONID';
/** CloudStack's anti-CSRF cookie. */
export const SESSION_KEY_COOKIE = 'sessionkey';
/** The `/client` web context, where the container scopes its cookies. */
const COOKIE_PATH = '/client';

/** `Set-Cookie` values of a new session: `JSESSIONID` (HttpOnly) and `sessionkey` (HttpOnly, SameSite=Lax). */
export function sessionCookies(session: ApiSession, secure: boolean): string[] {
  const secureAttribute = secure ? '; Secure' : '';
  return [
    `${SESSION_COOKIE}=${session.id}; Path=${COOKIE_PATH}${secureAttribute}; HttpOnly`,
    `${SESSION_KEY_COOKIE}=${session.sessionKey}; Path=${COOKIE_PATH}${secureAttribute}; HttpOnly; SameSite=Lax`,
  ];
}

/** `Set-Cookie` values that clear each named cookie (logout sends back every cookie empty, Max-Age 0). */
export function clearedCookies(names: readonly string[]): string[] {
  return [...new Set(names)].map(
    (name) => `${name}=; Path=${COOKIE_PATH}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly`,
  );
}

/** The session id in a `JSESSIONID` value; Jetty appends `.nodeN`, which is ignored. */
export function sessionIdOf(cookieValue: string): string {
  const dot = cookieValue.indexOf('.');
  return dot < 0 ? cookieValue : cookieValue.slice(0, dot);
}
