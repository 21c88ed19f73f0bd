import { createHmac } from 'node:crypto';

import { type JsonBody } from './json-body';

/** What one API call answered: the HTTP status and the object under `<command>response`. */
export interface ApiReply {
  readonly status: number;
  readonly responseName: string;
  readonly body: JsonBody;
}

/** A finished async job as `queryAsyncJobResult` shows it. */
export interface JobReply {
  readonly jobid: string;
  readonly jobstatus: number;
  readonly jobresultcode: number;
  readonly jobresult: JsonBody;
  readonly [field: string]: unknown;
}

/** Java's URLEncoder with `+` as `%20` (protocol doc §2.1.1), written independently of the server. */
function javaEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()~]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Signs requests with an API key pair as CloudStack clients do and POSTs them to `/client/api`,
 * with `response=json`. Async commands can be followed to their end with {@link runJob}.
 */
export class SignedApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly secretKey: string,
  ) {}

  async call(command: string, params: Readonly<Record<string, string | number | boolean>> = {}): Promise<ApiReply> {
    const all: Record<string, string> = { command, response: 'json', apiKey: this.apiKey };
    for (const [name, value] of Object.entries(params)) all[name] = String(value);
    const canonical = Object.keys(all)
      .sort()
      .map((name) => `${name}=${javaEncode(all[name] ?? '')}`)
      .join('&')
      .toLowerCase();
    all.signature = createHmac('sha1', this.secretKey).update(canonical).digest('base64');
    const response = await fetch(`${this.baseUrl}/client/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(all).toString(),
    });
    const json = (await response.json()) as Record<string, JsonBody>;
    const [responseName] = Object.keys(json);
    return { status: response.status, responseName: responseName ?? '', body: json[responseName ?? ''] ?? {} };
  }

  /** Submits an async command and returns its job once finished; throws when the submit fails. */
  async runJob(command: string, params: Readonly<Record<string, string | number | boolean>> = {}): Promise<JobReply> {
    const submitted = await this.call(command, params);
    if (submitted.status !== 200 || typeof submitted.body.jobid !== 'string') {
      throw new Error(`${command} was not accepted: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    }
    return this.waitForJob(submitted.body.jobid);
  }

  /** Polls `queryAsyncJobResult` until the job is no longer pending (each poll is a round trip). */
  async waitForJob(jobId: string, timeoutMs = 30_000): Promise<JobReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await this.call('queryAsyncJobResult', { jobid: jobId });
      if (reply.status !== 200) throw new Error(`queryAsyncJobResult failed: ${JSON.stringify(reply.body)}`);
      if (reply.body.jobstatus !== 0) return reply.body as JobReply;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
