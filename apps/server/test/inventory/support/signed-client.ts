import { createHmac } from 'node:crypto';

/**
 * A value of a JSON reply. Tests read replies field by field and check them with assertions, so
 * replies are loosely typed on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

/** One reply: the HTTP status and the object under the single top-level key. */
export interface ApiReply {
  readonly status: number;
  readonly responseName: string;
  readonly body: Record<string, Json>;
}

/** A finished async job as `queryAsyncJobResult` shows it. */
export interface JobReply {
  readonly jobid: string;
  readonly jobstatus: number;
  readonly jobresultcode: number;
  readonly jobresult: Record<string, Json>;
  readonly jobinstancetype?: string;
  readonly jobinstanceid?: string;
  readonly [field: string]: unknown;
}

export type ApiParams = Readonly<Record<string, string | number | boolean>>;

/** Java's URLEncoder with `+` as `%20` (protocol doc §2.1.1), written independently of the server. */
function javaEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signs requests with an API key pair as CloudStack clients do, and POSTs them with `response=json`. */
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
    const json = (await response.json()) as Record<string, Record<string, Json>>;
    const [responseName] = Object.keys(json);
    return { status: response.status, responseName: responseName ?? '', body: json[responseName ?? ''] ?? {} };
  }

  /** Calls a command that must succeed (HTTP 200) and returns its body. */
  async ok(command: string, params: ApiParams = {}): Promise<Record<string, Json>> {
    const reply = await this.call(command, params);
    if (reply.status !== 200) throw new Error(`${command} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** Submits an async command (which must be accepted) and returns its finished job. */
  async runJob(command: string, params: ApiParams = {}): Promise<JobReply> {
    const submitted = await this.ok(command, params);
    if (typeof submitted.jobid !== 'string') throw new Error(`${command} answered no jobid: ${JSON.stringify(submitted)}`);
    return this.waitForJob(submitted.jobid);
  }

  /** Runs an async command that must succeed and returns its `jobresult`. */
  async jobResult(command: string, params: ApiParams = {}): Promise<Record<string, Json>> {
    const job = await this.runJob(command, params);
    if (job.jobstatus !== 1) throw new Error(`${command} failed: ${JSON.stringify(job.jobresult)}`);
    return job.jobresult;
  }

  /** Polls `queryAsyncJobResult` until the job is no longer pending. */
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
