import { Agent, fetch } from 'undici';

import { startVeeamSimulator, type VeeamSimulator, type VeeamSimulatorOptions } from '../../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, checked by expect() and shapeErrors()
export type Json = any;

export interface VbrResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: Json;
  text: string;
  contentType: string | null;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | readonly string[]>;
  json?: unknown;
  form?: Record<string, string>;
  /** A body sent as is (with the given headers), e.g. broken JSON. */
  raw?: string;
  /** Bearer token; `null` sends none; default: the client's current token. */
  token?: string | null;
  /** x-api-version; `null` sends none; default: the client's revision. */
  revision?: string | null;
  headers?: Record<string, string>;
}

/**
 * A plain VBR REST client for the tests: undici's fetch over a real TLS socket that trusts only
 * the simulator's certificate.
 */
export class VbrClient {
  readonly dispatcher: Agent;
  token: string | undefined;
  refreshToken: string | undefined;

  constructor(
    readonly simulator: VeeamSimulator,
    readonly revision: string,
  ) {
    this.dispatcher = new Agent({ connect: { ca: simulator.caCertificate } });
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<VbrResponse> {
    const url = new URL(path, this.simulator.url);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (Array.isArray(value))
        for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { ...options.headers };
    const revision = options.revision === undefined ? this.revision : options.revision;
    if (revision !== null) headers['x-api-version'] = revision;
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null && token !== undefined) headers['authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      body = options.raw;
    } else if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(url, { method, headers, body, dispatcher: this.dispatcher });
    const text = await response.text();
    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return {
      status: response.status,
      body: parsed,
      text,
      contentType: response.headers.get('content-type'),
    };
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }

  post(path: string, options?: RequestOptions) {
    return this.request('POST', path, options);
  }

  put(path: string, options?: RequestOptions) {
    return this.request('PUT', path, options);
  }

  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, options);
  }

  /** Password grant; keeps the tokens for later requests. */
  async login(username = 'administrator', password = 'Veeam123!'): Promise<VbrResponse> {
    const response = await this.post('/api/oauth2/token', {
      form: { grant_type: 'password', username, password },
      token: null,
    });
    if (response.status === 200) {
      this.token = response.body.access_token;
      this.refreshToken = response.body.refresh_token;
    }
    return response;
  }

  /** Polls a session until it is Stopped (sessions last ~300 ms by default). */
  async waitForSession(id: string, timeoutMs = 10_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await this.get(`/api/v1/sessions/${id}`);
      if (response.status !== 200)
        throw new Error(`GET session ${id}: ${response.status} ${response.text}`);
      if (response.body.state === 'Stopped') return response.body;
      if (Date.now() > deadline)
        throw new Error(`Session ${id} still ${response.body.state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

export interface Personalities {
  readonly personality: '12' | '13';
  readonly revision: string;
}

/** The two personalities at the revision a client of each would pin. */
export const PERSONALITIES: readonly Personalities[] = [
  { personality: '12', revision: '1.2-rev1' },
  { personality: '13', revision: '1.3-rev2' },
];

/** A simulator on a free port, with a logged-in client; close both with `stop()`. */
export async function startWithClient(
  options: VeeamSimulatorOptions & { revision?: string } = {},
): Promise<{ simulator: VeeamSimulator; client: VbrClient; stop: () => Promise<void> }> {
  const { revision, ...simulatorOptions } = options;
  const simulator = await startVeeamSimulator({ port: 0, seed: 'demo', ...simulatorOptions });
  const client = new VbrClient(simulator, revision ?? simulator.profile.newestRevision);
  const login = await client.login();
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return {
    simulator,
    client,
    stop: async () => {
      await client.close();
      await simulator.close();
    },
  };
}
