import { request } from 'node:http';

import { signParams, toQueryString } from '../api/support/test-signer';
import { type ApiKeyPair } from './api-keys';

/** One parameter as sent, in order (names may repeat). */
export type RawParam = readonly [name: string, value: string];

/** Everything an HTTP exchange answered, headers of any size included. */
export interface RawReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body parsed as JSON, or undefined. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary reply shapes
  readonly json: any;
}

/** The largest reply header this client reads (fetch gives up at 16 KiB; tests measure beyond). */
const CLIENT_MAX_HEADER_BYTES = 16 * 1024 * 1024;

/**
 * Sends one request to `/client/api` over a plain socket, reading headers of any size, so that tests
 * can measure what the server answers rather than what a strict client would accept.
 */
export function rawApiRequest(
  baseUrl: string,
  options: { readonly method?: 'GET' | 'POST'; readonly query?: string; readonly body?: string } = {},
): Promise<RawReply> {
  const { method = 'GET', query = '', body } = options;
  const url = new URL(`${baseUrl}/client/api${query === '' ? '' : `?${query}`}`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        maxHeaderSize: CLIENT_MAX_HEADER_BYTES,
        headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** `params` plus `apiKey`, `signatureVersion=3`, `expires` (10 min ahead) and their signature. */
export function signRaw(keys: ApiKeyPair, params: readonly RawParam[], expires?: Date): RawParam[] {
  const expiry = (expires ?? new Date(Date.now() + 600_000)).toISOString().replace(/\.\d{3}Z$/, '+0000');
  const all: RawParam[] = [
    ['apiKey', keys.apiKey],
    ['response', 'json'],
    ...params,
    ['signatureVersion', '3'],
    ['expires', expiry],
  ];
  all.push(['signature', signParams(all, keys.secretKey)]);
  return all;
}

/** A signed request as a form body (POST) or a query string (GET). */
export function signedRawRequest(
  baseUrl: string,
  keys: ApiKeyPair,
  params: readonly RawParam[],
  method: 'GET' | 'POST' = 'POST',
): Promise<RawReply> {
  const encoded = toQueryString(signRaw(keys, params));
  return rawApiRequest(baseUrl, method === 'GET' ? { query: encoded } : { method, body: encoded });
}
