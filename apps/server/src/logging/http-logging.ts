import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';

import { type Logger as PinoInstance } from 'pino';
import { type Params } from 'nestjs-pino';

/** A request id a client or proxy sent (`X-Request-Id`), if it is safe to log and echo. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths probed every few seconds: their requests are not logged one by one. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** The request's id: the client's `X-Request-Id` when it sent a sane one, else a new uuid; sent back in that header. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const sent = request.headers['x-request-id'];
  const id = typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * nestjs-pino's settings: one "request completed" line per request with its id, method, path
 * (never the query string, which carries API keys, signatures and passwords), status and
 * `responseTime` in ms; every line written while serving the request carries `reqId`, and the API
 * command once known. The id comes from `X-Request-Id` when the client sent a sane one and is sent
 * back in that header.
 */
export function httpLoggingParams(root: PinoInstance): Params {
  // The API's own route logs its requests the same way without pino-http (`runWithRequestLog`).
  return {
    // The "request completed" line gets the fields assigned while serving (the command, the zone).
    assignResponse: true,
    pinoHttp: {
      logger: root,
      // The serializers below read the request and response themselves (pino's wrappers hide the status).
      wrapSerializers: false,
      genReqId: requestIdOf,
      customAttributeKeys: { reqId: 'reqId' },
      quietReqLogger: true,
      autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test(request.url ?? '') },
      customLogLevel: (_request, response, error) =>
        error !== undefined || response.statusCode >= 500 ? 'warn' : 'info',
      customSuccessMessage: () => 'request completed',
      customErrorMessage: () => 'request failed',
      serializers: {
        req: (request: IncomingMessage & { originalUrl?: string }) => ({
          method: request.method,
          path: (request.originalUrl ?? request.url ?? '').split('?')[0],
        }),
        res: (response: ServerResponse) => ({ status: response.statusCode }),
      },
    },
  };
}
