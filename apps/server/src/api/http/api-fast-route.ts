import { type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Params as LoggingParams, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { type Logger as PinoInstance } from 'pino';

import { rootLoggerOf, runWithRequestLog } from '../../logging/request-log';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { JSON_CONTENT_TYPE, serializeResponse } from '../serialization/serialize-response';
import { ApiEndpoint } from './api-endpoint';

/** The requests the fast route takes: GET and POST of `/client/api` itself, as every client sends them. */
function isApiRequest(request: IncomingMessage): boolean {
  const { method, url } = request;
  if (method !== 'GET' && method !== 'POST') return false;
  return url !== undefined && url.startsWith('/client/api') && (url.length === 11 || url.charCodeAt(11) === 63 /* ? */);
}

/**
 * Answers `/client/api` on the HTTP server itself, ahead of Express: the request goes straight to
 * the {@link ApiEndpoint}, without Express's and Nest's routing, body parsers and per-request
 * pino-http loggers (a listed page is a few milliseconds of CPU; they were a fair part of it). The
 * answer is the controller's, byte for byte (the endpoint writes it by hand either way), and the
 * request is logged as pino-http logs every other one (`runWithRequestLog`). Everything else,
 * including paths under `/client/api/` and `HEAD`, goes to Express as before.
 */
@Injectable()
export class ApiFastRoute implements OnModuleInit {
  private readonly logger = new Logger(ApiFastRoute.name);
  private readonly root: PinoInstance | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly endpoint: ApiEndpoint,
    @Optional() @Inject(PARAMS_PROVIDER_TOKEN) logging?: LoggingParams,
  ) {
    this.root = rootLoggerOf(logging);
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server === undefined || typeof server.listeners !== 'function') return;
    const others = server.listeners('request') as RequestListener[];
    // Nest's Express adapter made the server with its app as the one listener; anything else is left alone.
    if (others.length !== 1) return;
    const [express] = others as [RequestListener];
    server.removeListener('request', express);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (isApiRequest(request)) this.serve(request, response);
      else express.call(server, request, response);
    });
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const served = this.root === undefined ? this.endpoint.serve(request, response) : runWithRequestLog(this.root, request, response, () => this.endpoint.serve(request, response));
    served.catch((error: unknown) => {
      // The endpoint answers every failure itself; this is a bug, and the client still gets an answer.
      this.logger.error(`Could not serve an API request: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) {
        const body = serializeResponse(
          {
            responseName: 'errorresponse',
            body: { kind: 'error', errorCode: ApiErrorCode.INTERNAL_ERROR, csErrorCode: CsErrorCode.SERVER_API_EXCEPTION, errorText: 'Internal error executing command', uuidList: [] },
          },
          'json',
        );
        response.writeHead(ApiErrorCode.INTERNAL_ERROR, { 'Content-Type': JSON_CONTENT_TYPE, 'X-Content-Type-Options': 'nosniff' }).end(body);
      } else if (!response.writableEnded) response.destroy();
    });
  }
}
