import { type IncomingMessage } from 'node:http';

/**
 * Form bodies larger than this are refused (Jetty, under CloudStack, also caps form content).
 * Generous: API requests are small, but a body parser's 100 kB default would be too tight for
 * some clients' map parameters.
 */
export const MAX_FORM_BODY_BYTES = 4 * 1024 * 1024;

/** Where {@link captureFormBody} leaves the raw body on the request. */
const CAPTURED_BODY = Symbol.for('csbr.api.capturedFormBody');

type CapturedBody = { readonly bytes: Buffer } | { readonly tooLarge: true };

/** A request as Express hands it over, possibly after a body parser ran. */
export type MaybeParsedRequest = IncomingMessage & {
  rawBody?: Buffer;
  body?: unknown;
  [CAPTURED_BODY]?: CapturedBody;
};

export class FormBodyTooLargeError extends Error {
  constructor() {
    super(`The request body exceeds the maximum allowed size of ${MAX_FORM_BODY_BYTES} bytes`);
  }
}

/** Whether the request carries an `application/x-www-form-urlencoded` body (the only kind CloudStack reads). */
export function hasFormBody(request: IncomingMessage): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/**
 * Reads the whole body into the request before any body parser sees it (parsers skip a request whose
 * stream is finished). Bodies over {@link MAX_FORM_BODY_BYTES} are drained and marked too large.
 */
export async function captureFormBody(request: MaybeParsedRequest): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    size += buffer.length;
    if (size <= MAX_FORM_BODY_BYTES) {
      chunks.push(buffer);
    }
  }
  request[CAPTURED_BODY] = size > MAX_FORM_BODY_BYTES ? { tooLarge: true } : { bytes: Buffer.concat(chunks) };
}

/**
 * The raw form body as a Latin-1 string (one character per byte, so that `%`-decoding sees the
 * bytes), or '' when the request has no form body.
 *
 * The raw bytes matter: repeated names, their order and names like `details[0].key` must reach the
 * signature check as sent. They come from, in order of preference: {@link captureFormBody} (installed
 * by `ApiModule` ahead of the app's body parsers); Nest's `rawBody` (app created with
 * `rawBody: true`); the unread stream (app created with `bodyParser: false`); as a last resort the
 * object a body parser produced, flattened back (nested names such as `details[0].key` are then lost).
 */
export async function readFormBody(request: MaybeParsedRequest): Promise<string> {
  if (!hasFormBody(request)) {
    return '';
  }
  const captured = request[CAPTURED_BODY];
  if (captured !== undefined) {
    if ('tooLarge' in captured) {
      throw new FormBodyTooLargeError();
    }
    return captured.bytes.toString('latin1');
  }
  if (Buffer.isBuffer(request.rawBody)) {
    return request.rawBody.toString('latin1');
  }
  if (!request.readableEnded && request.readable) {
    await captureFormBody(request);
    return readFormBody(request);
  }
  return flattenParsedBody(request.body);
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
