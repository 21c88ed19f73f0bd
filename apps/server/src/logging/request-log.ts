import { type IncomingMessage, type ServerResponse } from 'node:http';

import { type Params } from 'nestjs-pino';
import { storage, type Store } from 'nestjs-pino/storage';
import { type Logger as PinoInstance } from 'pino';

import { requestIdOf } from './http-logging';

/**
 * The log context of a request served without pino-http: what `httpLoggingParams` gives every
 * other request, for less. Lines written while serving carry `reqId` and the fields assigned since
 * ({@link assignLogFields}); the child logger that writes them is only made when a line is written,
 * not for every request.
 */
export class RequestLogContext {
  /** The request's own copy (pino copies bindings when it makes a child), so it is added to in place. */
  private readonly fields: Record<string, unknown>;
  private child: PinoInstance | undefined;
  /** nestjs-pino's `PinoLogger.assign` sets the bindings of the response's logger here. */
  readonly responseLogger = { setBindings: (fields: Readonly<Record<string, unknown>>) => this.merge(fields) };

  constructor(
    private readonly root: PinoInstance,
    readonly reqId: string,
  ) {
    this.fields = { reqId };
  }

  /** The logger of the request's lines (nestjs-pino's `PinoLogger` reads it from the store). */
  get logger(): PinoInstance {
    this.child ??= this.root.child(this.fields);
    return this.child;
  }

  set logger(logger: PinoInstance) {
    this.child = logger;
  }

  /** Adds fields to every later line of the request and to its "request completed" line. */
  assign(fields: Readonly<Record<string, unknown>>): void {
    this.merge(fields);
    if (this.child !== undefined) this.child = this.child.child(fields);
  }

  /** pino-http's line at the end of a request, with the same fields (`req`, `res`, `responseTime`, `err`). */
  complete(request: IncomingMessage, response: ServerResponse, responseTime: number, error: Error | undefined): void {
    const failed = error !== undefined || response.statusCode >= 500;
    if (!this.root.isLevelEnabled(failed ? 'warn' : 'info')) return;
    const line = {
      ...this.fields,
      req: { method: request.method, path: (request.url ?? '').split('?')[0] },
      res: { status: response.statusCode },
      responseTime,
    };
    if (failed) this.root.warn({ ...line, err: error ?? new Error(`failed with status code ${response.statusCode}`) }, 'request failed');
    else this.root.info(line, 'request completed');
  }

  private merge(fields: Readonly<Record<string, unknown>>): void {
    Object.assign(this.fields, fields);
  }
}

/**
 * Serves one request the way pino-http and nestjs-pino log it (`httpLoggingParams`): an id (sent
 * back in `X-Request-Id`), its lines tagged with it, one "request completed" line at info (or
 * "request failed" at warn for a 5xx) with the method, the path (never the query string), the status
 * and `responseTime` in ms. Cheaper: no child logger per request unless a line is written, no
 * listener when the level writes no such line.
 */
export function runWithRequestLog(root: PinoInstance, request: IncomingMessage, response: ServerResponse, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  const context = new RequestLogContext(root, requestIdOf(request, response));
  if (root.isLevelEnabled('warn')) {
    const done = (error?: Error) => {
      response.off('close', done);
      response.off('finish', done);
      response.off('error', done);
      context.complete(request, response, Date.now() - started, error);
    };
    response.on('close', done);
    response.on('finish', done);
    response.on('error', done);
  }
  return storage.run(context as unknown as Store, work);
}

/** The process's root logger from nestjs-pino's settings (`httpLoggingParams` passes it), if any. */
export function rootLoggerOf(params: Params | undefined): PinoInstance | undefined {
  const pinoHttp = params?.pinoHttp;
  if (typeof pinoHttp !== 'object' || pinoHttp === null || Array.isArray(pinoHttp) || !('logger' in pinoHttp)) return undefined;
  return (pinoHttp as { logger?: PinoInstance }).logger;
}
