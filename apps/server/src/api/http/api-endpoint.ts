import { type IncomingMessage, type ServerResponse } from 'node:http';

import { Inject, Injectable, Logger, Optional } from '@nestjs/common';

import { assignLogFields } from '../../logging/log-context';
import { CsbrMetrics } from '../../operations/csbr-metrics';
import { CommandRegistry } from '../command-registry';
import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { type ApiSettings } from '../ports/api-settings';
import { API_SETTINGS } from '../ports/api-tokens';
import { type ApiHttpReply } from './api-reply';
import { ApiRequestHandler } from './api-request-handler';
import { parseCookies } from './cookies';
import { readFormBody } from './read-form-body';
import { admitRequest } from './request-limits';
import { RequestParams } from './request-params';

/**
 * One request to `/client/api`, from the request as Node received it to the response written by
 * hand, so that no Nest interceptor or filter changes a byte of it. Both ways in use it: the
 * {@link ApiFastRoute} (plain Node request and response) and the Nest controller (Express's, for
 * the paths under `/client/api/` and the other methods Express routes there).
 *
 * The request limits are checked here, on the parameters as received, before authentication,
 * binding or anything else: a refused request reaches nothing that could change state.
 */
@Injectable()
export class ApiEndpoint {
  private readonly logger = new Logger('ApiController');

  constructor(
    private readonly handler: ApiRequestHandler,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly registry: CommandRegistry,
    @Optional() private readonly metrics?: CsbrMetrics,
  ) {}

  async serve(request: IncomingMessage & { originalUrl?: string }, response: ServerResponse): Promise<void> {
    const url = request.originalUrl ?? request.url ?? '';
    const queryIndex = url.indexOf('?');
    const queryString = queryIndex === -1 ? '' : url.slice(queryIndex + 1);
    const cookies = parseCookies(request.headers.cookie);
    const started = process.hrtime.bigint();
    let command: string | undefined;
    let reply: ApiHttpReply;
    try {
      const limits = this.settings.requestLimits;
      const body = await readFormBody(request, limits);
      const { params, refusal } = admitRequest(queryString, body, limits);
      // The request's log lines, its "request completed" line included, name the command.
      command = params.first('command');
      const zone = params.first('zoneid');
      if (command !== undefined) assignLogFields({ command: command.slice(0, 100), ...(zone === undefined ? {} : { zone: zone.slice(0, 64) }) });
      reply =
        refusal === undefined
          ? await this.handler.handle({ method: request.method ?? 'GET', params, cookies })
          : this.handler.renderError(params, refusal);
    } catch (error: unknown) {
      reply = this.unreadableRequest(queryString, error);
    }
    write(response, reply);
    this.metrics?.recordApiRequest(
      this.commandLabel(command),
      reply.status === 200 ? 'success' : String(reply.status),
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }

  /** A known command's name; anything else is `unknown`, so no client can grow the label set. */
  private commandLabel(command: string | undefined): string {
    if (command === undefined) return 'none';
    if (command === 'login' || command === 'logout') return command;
    return this.registry.get(command)?.name ?? 'unknown';
  }

  /** The body could not be read: still CloudStack's envelope, never a bare 500. */
  private unreadableRequest(queryString: string, error: unknown): ApiHttpReply {
    this.logger.warn(`Could not read a request body: ${error instanceof Error ? error.message : String(error)}`);
    const apiError = new ApiError(ApiErrorCode.PARAM_ERROR, 'Unable to read the request body', {
      csErrorCode: CsErrorCode.SERVER_API_EXCEPTION,
    });
    return this.handler.renderError(RequestParams.parse(queryString), apiError);
  }
}

function write(response: ServerResponse, reply: ApiHttpReply): void {
  response.statusCode = reply.status;
  response.removeHeader('X-Powered-By');
  response.setHeader('Content-Type', reply.contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-XSS-Protection', '1;mode=block');
  for (const name in reply.headers) {
    response.setHeader(name, reply.headers[name]!);
  }
  if (reply.setCookies.length > 0) {
    response.setHeader('Set-Cookie', [...reply.setCookies]);
  }
  response.end(reply.body);
}
