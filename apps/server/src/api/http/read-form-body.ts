import { type IncomingMessage } from 'node:http';

import { type RequestLimits } from '../ports/api-settings';
import { FormBodyScanner, type FormBodySummary } from './form-body-scanner';

/** Where {@link captureFormBody} leaves the body on the request. */
const CAPTURED_BODY = Symbol.for('csbr.api.capturedFormBody');

/**
 * A form body as received: the whole of it when a request may be that large, else only what the
 * request limits need to refuse it.
 */
export type ReceivedBody =
  | {
      /** Bytes received. */
      readonly bytes: number;
      /** The body as a Latin-1 string (one character per byte, so that `%`-decoding sees the bytes). */
      readonly text: string;
    }
  | {
      readonly bytes: number;
      /** Larger than `maxRequestBytes`: not kept, summarised while it was read. */
      readonly tooLarge: FormBodySummary;
    };

/** A request as Express hands it over, possibly after a body parser ran. */
export type MaybeParsedRequest = IncomingMessage & {
  rawBody?: Buffer;
  body?: unknown;
  [CAPTURED_BODY]?: ReceivedBody;
};

const NO_BODY: ReceivedBody = { text: '', bytes: 0 };

/**
 * Collects a body up to `maxRequestBytes`; past that, stops keeping it and only summarises the
 * rest, so a body of any size is read in bounded memory.
 */
class BodyCollector {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private scanner: FormBodyScanner | undefined;

  constructor(private readonly limits: RequestLimits) {}

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.scanner === undefined && this.bytes <= this.limits.maxRequestBytes) {
      this.chunks.push(chunk);
      return;
    }
    if (this.scanner === undefined) {
      this.scanner = new FormBodyScanner(this.limits.maxValueBytes);
      for (const kept of this.chunks.splice(0)) this.scanner.write(kept);
    }
    this.scanner.write(chunk);
  }

  body(): ReceivedBody {
    return this.scanner === undefined
      ? { bytes: this.bytes, text: Buffer.concat(this.chunks).toString('latin1') }
      : { bytes: this.bytes, tooLarge: this.scanner.end() };
  }
}

/** Whether the request carries an `application/x-www-form-urlencoded` body (the only kind CloudStack reads). */
export function hasFormBody(request: IncomingMessage): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/**
 * Reads the whole body before any body parser sees it (parsers skip a request whose stream is
 * finished). A body over `maxRequestBytes` is drained, never held in memory ({@link ReceivedBody}).
 */
export async function captureFormBody(request: MaybeParsedRequest, limits: RequestLimits): Promise<void> {
  const collector = new BodyCollector(limits);
  for await (const chunk of request) {
    collector.add(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8'));
  }
  request[CAPTURED_BODY] = collector.body();
}

/**
 * The raw form body ({@link ReceivedBody}; empty when the request has no form body).
 *
 * The raw bytes matter: repeated names, their order and names like `details[0].key` must reach the
 * signature check as sent. They come from, in order of preference: {@link captureFormBody} (installed
 * by `ApiModule` ahead of the app's body parsers); Nest's `rawBody` (app created with
 * `rawBody: true`); the unread stream (app created with `bodyParser: false`); as a last resort the
 * object a body parser produced, flattened back (nested names such as `details[0].key` are then lost).
 */
export async function readFormBody(request: MaybeParsedRequest, limits: RequestLimits): Promise<ReceivedBody> {
  if (!hasFormBody(request)) {
    return NO_BODY;
  }
  const captured = request[CAPTURED_BODY];
  if (captured !== undefined) {
    return captured;
  }
  if (!Buffer.isBuffer(request.rawBody) && !request.readableEnded && request.readable) {
    await captureFormBody(request, limits);
    return readFormBody(request, limits);
  }
  const collector = new BodyCollector(limits);
  collector.add(Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(flattenParsedBody(request.body), 'latin1'));
  return collector.body();
}

function flattenParsedBody(body: unknown): string {
  if (typeof body !== 'object' || body === null) {
    return '';
  }
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === 'string') {
        // UTF-8 percent escapes, which `decodeFormComponent` reads back exactly.
        pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(item)}`);
      }
    }
  }
  return pairs.join('&');
}
