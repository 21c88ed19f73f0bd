import { Controller, Get, Inject, Logger, Optional, Post, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { CsbrMetrics } from '../../operations/csbr-metrics';
import { CommandRegistry } from '../command-registry';
import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { type ApiSettings } from '../ports/api-settings';
import { API_SETTINGS } from '../ports/api-tokens';
import { type ApiHttpReply } from './api-reply';
import { ApiRequestHandler } from './api-request-handler';
import { parseCookies } from './cookies';
import { readFormBody, type MaybeParsedRequest } from './read-form-body';
import { assignLogFields } from '../../logging/log-context';
import { admitRequest } from './request-limits';
import { RequestParams } from './request-params';

/**
 * `/client/api` and everything under it (the servlet is mapped to `/api/*`), GET and POST. The
 * response is written by hand so that no Nest interceptor or filter changes a byte of it.
 *
 * The request limits are checked here, on the parameters as received, before authentication,
 * binding or anything else: a refused request reaches nothing that could change state.
 */
@Controller('client/api')
export class ApiController {
  private readonly logger = new Logger(ApiController.name);

  constructor(
    private readonly handler: ApiRequestHandler,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly registry: CommandRegistry,
    @Optional() private readonly metrics?: CsbrMetrics,
  ) {}

  @Get()
  get(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve(request, response);
  }

  @Get('*path')
  getUnder(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve(request, response);
  }

  @Post()
  post(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve(request, response);
  }

  @Post('*path')
  postUnder(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve(request, response);
  }

  private async serve(request: Request, response: Response): Promise<void> {
    const url = request.originalUrl;
    const queryString = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    const cookies = parseCookies(request.headers.cookie);
    const started = process.hrtime.bigint();
    let command: string | undefined;
    let reply: ApiHttpReply;
    try {
      const limits = this.settings.requestLimits;
      const body = await readFormBody(request as MaybeParsedRequest, limits);
      const { params, refusal } = admitRequest(queryString, body, limits);
      // The request's log lines, its "request completed" line included, name the command.
      command = params.first('command');
      const zone = params.first('zoneid');
      if (command !== undefined) assignLogFields({ command: command.slice(0, 100), ...(zone === undefined ? {} : { zone: zone.slice(0, 64) }) });
      reply =
        refusal === undefined
          ? await this.handler.handle({ method: request.method, params, cookies })
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

function write(response: Response, reply: ApiHttpReply): void {
  response.status(reply.status);
  response.removeHeader('X-Powered-By');
  response.setHeader('Content-Type', reply.contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-XSS-Protection', '1;mode=block');
  for (const [name, value] of Object.entries(reply.headers)) {
    response.setHeader(name, value);
  }
  if (reply.setCookies.length > 0) {
    response.setHeader('Set-Cookie', [...reply.setCookies]);
  }
  response.end(reply.body);
}
