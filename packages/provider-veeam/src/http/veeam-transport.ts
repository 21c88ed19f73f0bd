import { rootCertificates } from 'node:tls';

import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';

import { abortedError, requestTimedOut, transportError } from './veeam-errors';

/** What {@link VeeamTransport} sends. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path from the server root, e.g. `/api/v1/jobs`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON (objects) or a form (URLSearchParams). */
  readonly body?: unknown;
  /** What the request does, for messages: "list jobs", "start the backup job". */
  readonly operation: string;
  readonly signal?: AbortSignal;
}

/** A status and the parsed JSON body (undefined when the body was empty). */
export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

/** How the transport connects: one pool per zone's server and TLS settings. */
export interface TransportOptions {
  readonly baseUrl: string;
  readonly validateSsl: boolean;
  readonly caCertificate: string;
  readonly requestTimeoutMs: number;
  /** Connections kept to the server (Veeam documents no rate limit; we stay polite). */
  readonly connections?: number;
}

/** A marker for a body that did not parse, so that callers can tell it from a missing body. */
export const MALFORMED = Symbol('malformed JSON');

let undici: typeof Undici | undefined;

/**
 * undici, loaded with the first Veeam connection rather than when the server starts: it is about a
 * sixth of the code a server loads at startup (cold-start profile, issue 13), and a server with no
 * Veeam zone never needs it.
 */
function loadUndici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see above)
  undici ??= require('undici') as typeof Undici;
  return undici;
}

/**
 * HTTPS to one Veeam server through undici's pooled keep-alive connections. It sends and parses;
 * it does not judge statuses (the client does). Every request ends by the request timeout or the
 * caller's abort, whichever comes first.
 */
export class VeeamTransport {
  private readonly dispatcher: Dispatcher;
  private readonly origin: string;

  constructor(private readonly options: TransportOptions) {
    this.origin = originOf(options.baseUrl);
    const ca = options.caCertificate === '' ? undefined : [...rootCertificates, options.caCertificate];
    this.dispatcher = new (loadUndici().Agent)({
      connections: options.connections ?? 8,
      keepAliveTimeout: 4_000,
      connect: { rejectUnauthorized: options.validateSsl, ...(ca === undefined ? {} : { ca }) },
    });
  }

  async send(call: HttpRequest): Promise<HttpReply> {
    if (call.signal?.aborted === true) throw abortedError(call.signal);
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    const signal = call.signal === undefined ? timeout : AbortSignal.any([call.signal, timeout]);
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    let payload: string | undefined;
    if (call.body instanceof URLSearchParams) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = call.body.toString();
    } else if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(call.body);
    }
    try {
      const response = await loadUndici().request(this.urlOf(call), {
        method: call.method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        dispatcher: this.dispatcher,
        signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, body: parseJson(text) };
    } catch (error) {
      // Checked again: the request may have been aborted while it ran.
      if (isAborted(call.signal)) throw abortedError(call.signal);
      if (timeout.aborted) {
        throw requestTimedOut(call.operation, Math.round(this.options.requestTimeoutMs / 1000));
      }
      throw transportError(call.operation, this.origin, error);
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private urlOf(call: HttpRequest): string {
    const url = new URL(`${this.options.baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }
}

function isAborted(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

/** `https://host:port`, never user info or paths, for messages. */
export function originOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the configured URL';
  }
}
