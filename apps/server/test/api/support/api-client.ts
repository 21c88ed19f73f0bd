import { type TestUser } from './fake-ports';
import { signParams, toQueryString } from './test-signer';

/** A reply as the tests look at it. */
export interface TestReply {
  readonly status: number;
  readonly contentType: string | null;
  readonly description: string | null;
  readonly setCookies: string[];
  readonly text: string;
  /** The parsed JSON body, or undefined when it is not JSON (loosely typed: tests read into it). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary response shapes
  readonly json: any;
}

export type Params = readonly (readonly [string, string])[] | Record<string, string>;

function pairs(params: Params): (readonly [string, string])[] {
  return Array.isArray(params) ? [...(params as readonly (readonly [string, string])[])] : Object.entries(params);
}

async function toReply(response: Response): Promise<TestReply> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    description: response.headers.get('x-description'),
    setCookies: response.headers.getSetCookie(),
    text,
    json,
  };
}

/** Signs with the user's keys (version 3 with `expires` unless told otherwise) and sends. */
export function signedParams(
  user: TestUser,
  params: Params,
  options: { expires?: string | null; signatureVersionName?: string } = {},
): (readonly [string, string])[] {
  const all: (readonly [string, string])[] = [['apiKey', user.apiKey], ...pairs(params)];
  if (options.expires !== null) {
    const expires = options.expires ?? new Date(Date.now() + 600_000).toISOString().replace(/\.\d{3}Z$/, '+0000');
    all.push([options.signatureVersionName ?? 'signatureVersion', '3'], ['expires', expires]);
  }
  all.push(['signature', signParams(all, user.secretKey)]);
  return all;
}

export class ApiClient {
  constructor(private readonly endpoint: string) {}

  /** GET with exactly these parameters (nothing added). */
  async get(params: Params, headers: Record<string, string> = {}, path = ''): Promise<TestReply> {
    const query = toQueryString(pairs(params));
    return toReply(await fetch(`${this.endpoint}${path}${query === '' ? '' : `?${query}`}`, { headers }));
  }

  /** POST as a form body, with an optional query string. */
  async post(body: Params, query: Params = [], headers: Record<string, string> = {}): Promise<TestReply> {
    const queryString = toQueryString(pairs(query));
    return toReply(
      await fetch(`${this.endpoint}${queryString === '' ? '' : `?${queryString}`}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: toQueryString(pairs(body)),
      }),
    );
  }

  /** A signed JSON GET as the user. */
  call(user: TestUser, command: string, params: Record<string, string> = {}): Promise<TestReply> {
    return this.get(signedParams(user, { command, response: 'json', ...params }));
  }
}
