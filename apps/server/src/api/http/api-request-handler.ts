import { Inject, Injectable } from '@nestjs/common';
import { type Caller } from '@csbr/framework/host';
import { ApiKeyVerifier } from '../auth/api-key-verifier';
import {
  commandNotAvailable,
  noCommandSpecified,
  sessionVerificationFailed,
  unknownCommand,
} from '../auth/auth-errors';
import { LoginHandler } from '../auth/login-handler';
import { SESSION_COOKIE, sessionIdOf } from '../auth/session-cookies';
import { isSessionKeyValid } from '../auth/session-key-check';
import { responseNameOf, type AnyCommandDefinition } from '../command-definition';
import { CommandRegistry } from '../command-registry';
import { ApiErrorCode } from '../errors/api-error-codes';
import { toApiError } from '../errors/cloudstack-error.mapper';
import { illegalCharactersError } from '../errors/parameter-errors';
import { CommandExecutor } from '../execution/command-executor';
import { type ApiSettings } from '../ports/api-settings';
import { API_SETTINGS, SESSION_STORE } from '../ports/api-tokens';
import { type ApiSession, type SessionStore } from '../ports/session-store';
import { type ApiResponseBody, type ResponseFormat } from '../serialization/api-response';
import { contentTypeOf, serializeResponse } from '../serialization/serialize-response';
import { type ApiHttpReply } from './api-reply';
import { type RequestCookie, cookieValues } from './cookies';
import { errorResponseName } from './error-response-name';
import { type RequestParams } from './request-params';

/** One request to `/client/api`, already parsed. */
export interface ApiHttpRequest {
  readonly method: string;
  readonly params: RequestParams;
  readonly cookies: readonly RequestCookie[];
}

/** ASCII control characters other than tab, LF and CR (CloudStack's `checkCharacterInkParams`). */
function hasIllegalCharacters(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      return true;
    }
  }
  return false;
}

const LOGIN_METHOD_MESSAGE = 'Please use HTTP POST to authenticate using this API';

/**
 * CloudStack's `ApiServlet` request flow (protocol doc §2): `login`/`logout` authenticators first;
 * then a request with a live session (`JSESSIONID`) is a session request checked by its
 * `sessionkey`; everything else is an API-key request verified as `verifyRequest` does. Every
 * failure becomes CloudStack's error envelope with HTTP status = `errorcode`; nothing escapes.
 */
@Injectable()
export class ApiRequestHandler {
  constructor(
    private readonly registry: CommandRegistry,
    private readonly executor: CommandExecutor,
    private readonly apiKeyVerifier: ApiKeyVerifier,
    private readonly loginHandler: LoginHandler,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async handle(request: ApiHttpRequest): Promise<ApiHttpReply> {
    const format = responseFormatOf(request.params);
    try {
      return await this.route(request, format);
    } catch (error: unknown) {
      return this.renderError(request.params, error);
    }
  }

  private async route(request: ApiHttpRequest, format: ResponseFormat): Promise<ApiHttpReply> {
    const { params, cookies } = request;
    const command = params.first('command');
    if (command === 'login') {
      if (request.method !== 'POST') {
        // CloudStack answers with this plain sentence, not an envelope.
        return reply(ApiErrorCode.METHOD_NOT_ALLOWED, format, LOGIN_METHOD_MESSAGE);
      }
      const login = await this.loginHandler.login(params, cookies);
      return this.successReply('login', login.body, format, login.setCookies);
    }
    if (command === 'logout') {
      const logout = await this.loginHandler.logout(cookies);
      return this.successReply('logout', logout.body, format, logout.setCookies);
    }
    const session = await this.findSession(cookies);
    if (session !== undefined) {
      return this.handleSessionRequest(session, request, format);
    }
    const { caller, definition } = await this.apiKeyVerifier.verify(params);
    return this.dispatch(definition, caller, params, format);
  }

  private async handleSessionRequest(
    session: ApiSession,
    request: ApiHttpRequest,
    format: ResponseFormat,
  ): Promise<ApiHttpReply> {
    const { params } = request;
    if (!isSessionKeyValid(session, params, request.cookies, this.settings.sessionKeyCheck)) {
      await this.sessions.destroy(session.id);
      throw sessionVerificationFailed();
    }
    const command = params.first('command');
    if (command === undefined) {
      throw noCommandSpecified();
    }
    const definition = this.registry.get(command);
    if (definition === undefined) {
      throw unknownCommand(command);
    }
    if (!definition.allowedRoles.includes(session.caller.roleType)) {
      throw commandNotAvailable(command);
    }
    return this.dispatch(definition, session.caller, params, format);
  }

  /** CloudStack's `handleRequest` once the caller is known. */
  private async dispatch(
    definition: AnyCommandDefinition,
    caller: Caller,
    params: RequestParams,
    format: ResponseFormat,
  ): Promise<ApiHttpReply> {
    for (const [name, value] of params.all) {
      if (hasIllegalCharacters(value)) {
        throw illegalCharactersError(name);
      }
    }
    const body = await this.executor.execute(definition, caller, params.firstValues());
    return this.successReply(definition.name, body, format, []);
  }

  private async findSession(cookies: readonly RequestCookie[]): Promise<ApiSession | undefined> {
    for (const value of cookieValues(cookies, SESSION_COOKIE)) {
      const session = await this.sessions.get(sessionIdOf(value));
      if (session !== undefined) {
        return session;
      }
    }
    return undefined;
  }

  private successReply(
    command: string,
    body: ApiResponseBody,
    format: ResponseFormat,
    setCookies: readonly string[],
  ): ApiHttpReply {
    return { ...reply(200, format, serializeResponse({ responseName: responseNameOf(command), body }, format)), setCookies };
  }

  /**
   * CloudStack's error envelope for `error`, in the format and under the name the request calls for.
   * Every error reply is written here, after the mapper (which bounds the text) saw the error.
   */
  renderError(params: RequestParams, failure: unknown): ApiHttpReply {
    const error = toApiError(failure);
    const format = responseFormatOf(params);
    const responseName = errorResponseName(params, error.errorCode, (name) => this.registry.get(name) !== undefined);
    const body: ApiResponseBody = {
      kind: 'error',
      errorCode: error.errorCode,
      csErrorCode: error.csErrorCode,
      errorText: error.message,
      uuidList: error.uuidList,
    };
    return {
      ...reply(error.errorCode, format, serializeResponse({ responseName, body }, format)),
      headers: { 'X-Description': headerSafe(error.message) },
    };
  }
}

/** `response=json` in any case is JSON; anything else, or nothing, is XML. */
export function responseFormatOf(params: RequestParams): ResponseFormat {
  return params.first('response')?.toLowerCase() === 'json' ? 'json' : 'xml';
}

function reply(status: number, format: ResponseFormat, body: string): ApiHttpReply {
  return { status, contentType: contentTypeOf(format), body, headers: {}, setCookies: [] };
}

/** Header values may only hold visible Latin-1 characters and tabs; anything else becomes `?`. */
function headerSafe(text: string): string {
  return text.replace(/[^\t\u0020-\u007E\u00A0-\u00FF]/g, '?');
}
