import { timingSafeEqual } from 'node:crypto';
import { type RequestCookie, cookieValues } from '../http/cookies';
import { type RequestParams } from '../http/request-params';
import { type SessionKeyCheck } from '../ports/api-settings';
import { type ApiSession } from '../ports/session-store';
import { SESSION_KEY_COOKIE } from './session-cookies';

/**
 * CloudStack's `HttpUtils.validateSessionKey` (protocol doc §2.2): where the `sessionkey` must
 * appear, as set by `api.sessionkey.check.locations`.
 */
export function isSessionKeyValid(
  session: ApiSession,
  params: RequestParams,
  cookies: readonly RequestCookie[],
  check: SessionKeyCheck,
): boolean {
  const parameterMatches = matches(params.first('sessionkey'), session.sessionKey);
  const cookieMatches = cookieValues(cookies, SESSION_KEY_COOKIE).some((value) => matches(value, session.sessionKey));
  switch (check) {
    case 'CookieAndParameter':
      return parameterMatches && cookieMatches;
    case 'CookieOrParameter':
      return parameterMatches || cookieMatches;
    case 'ParameterOnly':
      return parameterMatches;
  }
}

function matches(received: string | undefined, expected: string): boolean {
  if (received === undefined) {
    return false;
  }
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}
