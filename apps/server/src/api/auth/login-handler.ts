import { Inject, Injectable } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { type RequestCookie, cookieValues } from '../http/cookies';
import { type RequestParams } from '../http/request-params';
import { type ApiSettings } from '../ports/api-settings';
import { API_CLOCK, API_SETTINGS, API_USER_STORE, SESSION_STORE } from '../ports/api-tokens';
import { type ApiUserStore, type LoginCredentials } from '../ports/api-user-store';
import { type SessionStore } from '../ports/session-store';
import { type ApiResponseBody } from '../serialization/api-response';
import { loginFailed } from './auth-errors';
import { loginResponseFields } from './login-response';
import { SESSION_COOKIE, clearedCookies, sessionCookies, sessionIdOf } from './session-cookies';

/** What an authenticator answers: a body under `<command>response` and cookies to set. */
export interface AuthenticatorReply {
  readonly body: ApiResponseBody;
  readonly setCookies: readonly string[];
}

/**
 * CloudStack's default `login` and `logout` authenticators (protocol doc §2.2). The caller checks
 * that `login` came as POST.
 */
@Injectable()
export class LoginHandler {
  constructor(
    @Inject(API_USER_STORE) private readonly users: ApiUserStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  /** Checks the credentials, ends any session of the request and starts a new one. */
  async login(params: RequestParams, cookies: readonly RequestCookie[]): Promise<AuthenticatorReply> {
    const username = params.first('username');
    const password = params.first('password');
    if (username === undefined || username === '' || password === undefined || password === '') {
      throw loginFailed('failed to authenticate user, check if username/password are correct');
    }
    const credentials = loginCredentials(username, password, params);
    const login = await this.users.authenticate(credentials);
    if (login === undefined) {
      const domain = credentials.domainId ?? credentials.domainPath ?? '/';
      throw loginFailed(`Failed to authenticate user ${username} in domain ${domain}; please provide valid credentials`);
    }
    await this.endSessions(cookies);
    const session = await this.sessions.create(login);
    return {
      body: {
        kind: 'flat',
        fields: loginResponseFields(login, session, this.settings.sessionTimeoutSeconds, this.clock.now()),
      },
      setCookies: sessionCookies(session, this.settings.secureSessionCookie),
    };
  }

  /** Ends the request's session, if any, and clears every cookie it sent; always a success. */
  async logout(cookies: readonly RequestCookie[]): Promise<AuthenticatorReply> {
    await this.endSessions(cookies);
    return {
      body: { kind: 'flat', fields: { description: 'success' } },
      setCookies: clearedCookies(cookies.map(([name]) => name)),
    };
  }

  private async endSessions(cookies: readonly RequestCookie[]): Promise<void> {
    for (const value of cookieValues(cookies, SESSION_COOKIE)) {
      await this.sessions.destroy(sessionIdOf(value));
    }
  }
}

/** `domainId`/`domainid` (uuid) or `domain` (a path, given leading and trailing slashes); ROOT otherwise. */
function loginCredentials(username: string, password: string, params: RequestParams): LoginCredentials {
  const domainId = params.first('domainId') ?? params.first('domainid');
  if (domainId !== undefined && domainId !== '') {
    return { username, password, domainId };
  }
  const domain = params.first('domain');
  if (domain === undefined || domain === '') {
    return { username, password };
  }
  const withLeading = domain.startsWith('/') ? domain : `/${domain}`;
  return { username, password, domainPath: withLeading.endsWith('/') ? withLeading : `${withLeading}/` };
}
