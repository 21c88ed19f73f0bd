import { type RoleType } from '@csbr/framework/host';
import { type LoginResult } from '../ports/api-user-store';
import { type ApiSession } from '../ports/session-store';
import { timezoneOffsetHours } from './timezone-offset';

/** CloudStack's account type ordinals, which the login response shows as strings. */
const ACCOUNT_TYPE: Readonly<Record<RoleType, string>> = { User: '0', Admin: '1', DomainAdmin: '2' };

/**
 * The flat fields of `loginresponse` (an `AuthenticationCmdResponse`, protocol doc §2.2), in
 * CloudStack's order. `type`, `registered` and the 2FA flags are strings, `timeout` a number.
 */
export function loginResponseFields(
  login: LoginResult,
  session: ApiSession,
  timeoutSeconds: number,
  now: Date,
): Record<string, unknown> {
  return {
    username: login.username,
    userid: login.userUuid,
    domainid: login.domainUuid,
    timeout: timeoutSeconds,
    account: login.accountName,
    firstname: login.firstName,
    lastname: login.lastName,
    type: ACCOUNT_TYPE[login.caller.roleType],
    timezone: login.timezone,
    timezoneoffset: login.timezone === undefined ? undefined : timezoneOffsetHours(login.timezone, now),
    registered: 'false',
    sessionkey: session.sessionKey,
    is2faenabled: 'false',
    is2faverified: 'true',
    issuerfor2fa: 'CloudStack',
  };
}
