import { type IncomingMessage } from 'node:http';

/** Form bodies larger than this are refused (CloudStack's Jetty limits form content similarly). */
export const MAX_FORM_BODY_BYTES = 4 * 1024 * 1024;

/** A request as Express hands it over, possibly after Nest's body parsers ran. */
export type MaybeParsedRequest = IncomingMessage & { rawBody?: Buffer; body?: unknown };

export class FormBodyTooLargeError extends Error {
  constructor() {
    super(`The request body exceeds ${MAX_FORM_BODY_BYTES} bytes`);
  }
}

/**
 * The raw `application/x-www-form-urlencoded` body as a Latin-1 string (one character per byte, so
 * that `%`-decoding sees the bytes), or '' for other content types (CloudStack parses no other body).
 *
 * The raw bytes are needed because repeated names, their order and `details[0].key` names must
 * survive as sent. They come from, in order of preference: Nest's `rawBody` (app created with
 * `rawBody: true`); the unread stream (app created with `bodyParser: false`); as a last resort the
 * object a body parser produced, flattened back (repeated names and nested keys may then be lost).
 */
export async function readFormBody(request: MaybeParsedRequest): Promise<string> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return '';
  }
  if (Buffer.isBuffer(request.rawBody)) {
    return request.rawBody.toString('latin1');
  }
  if (!request.readableEnded && !isParsed(request)) {
    return (await readStream(request)).toString('latin1');
  }
  return flattenParsedBody(request.body);
}

function isParsed(request: MaybeParsedRequest): boolean {
  return (request as { _body?: unknown })._body === true;
}

async function readStream(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    size += buffer.length;
    if (size > MAX_FORM_BODY_BYTES) {
      throw new FormBodyTooLargeError();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
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
        // Re-encode as UTF-8 percent escapes, which `decodeFormComponent` reads back exactly.
        pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(item)}`);
      }
    }
  }
  return pairs.join('&');
}
