import { createHmac } from 'node:crypto';

import { type JsonBody } from './json-body';

/** Parameters of one command, as a client puts them in the form body. */
export type ApiParams = Readonly<Record<string, string | number | boolean>>;

/** What one API call answered: the HTTP status and the object under the single top-level key. */
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
  readonly jobinstancetype?: string;
  readonly jobinstanceid?: string;
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
 * Signs requests with an API key pair as CloudStack clients do (HMAC-SHA1 over the sorted,
 * lowercased query) and POSTs them to `/client/api` with `response=json`.
 *
 * - {@link call} answers whatever came back, for tests that check errors.
 * - {@link ok} and {@link jobResult} throw unless the command (or its job) succeeded, for setup
 *   steps and tests that only look at a successful body.
 * - {@link runJob} follows an accepted async command to its end, successful or not.
 */
export class SignedClient {
  constructor(
    private readonly baseUrl: string,
    readonly apiKey: string,
    private readonly secretKey: string,
  ) {}

  async call(command: string, params: ApiParams = {}): Promise<ApiReply> {
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

  /** Calls a command that must succeed (HTTP 200) and returns its body. */
  async ok(command: string, params: ApiParams = {}): Promise<JsonBody> {
    const reply = await this.call(command, params);
    if (reply.status !== 200) throw new Error(`${command} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /**
   * Submits an async command and returns its job once finished, whatever its outcome; throws when
   * the submit itself is refused or answers no job id.
   */
  async runJob(command: string, params: ApiParams = {}): Promise<JobReply> {
    const submitted = await this.call(command, params);
    if (submitted.status !== 200 || typeof submitted.body.jobid !== 'string') {
      throw new Error(`${command} was not accepted: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    }
    return this.waitForJob(submitted.body.jobid);
  }

  /** Runs an async command that must succeed and returns its `jobresult`. */
  async jobResult(command: string, params: ApiParams = {}): Promise<JsonBody> {
    const job = await this.runJob(command, params);
    if (job.jobstatus !== 1) throw new Error(`${command} failed: ${JSON.stringify(job.jobresult)}`);
    return job.jobresult;
  }

  /** Polls `queryAsyncJobResult` until the job is no longer pending (each poll is a round trip). */
  async waitForJob(jobId: string, timeoutMs = 30_000): Promise<JobReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await this.ok('queryAsyncJobResult', { jobid: jobId });
      if (body.jobstatus !== 0) return body as JobReply;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
