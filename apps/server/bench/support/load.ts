import { createHmac } from 'node:crypto';

import autocannon from 'autocannon';

import { cpuMillisOf, peakRssMibOf, resetPeakRss } from './proc-stats';

/** Java's URLEncoder with `+` as `%20`, as CloudStack clients sign. */
const javaEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/** A signed GET URL for `command` (no `expires`, so one URL serves every request of a run). */
export function signedUrl(base: string, keys: { apiKey: string; secretKey: string }, command: string, params: Record<string, string>): string {
  const all: Record<string, string> = { command, response: 'json', apiKey: keys.apiKey, ...params };
  const query = Object.keys(all)
    .sort()
    .map((name) => `${name}=${javaEncode(all[name]!)}`)
    .join('&');
  const signature = createHmac('sha1', keys.secretKey).update(query.toLowerCase()).digest('base64');
  return `${base}/client/api?${query}&signature=${encodeURIComponent(signature)}`;
}

/** One closed-loop load run against one server process. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU (user + system) per completed request, ms. */
  readonly cpuMsPerRequest: number;
  readonly peakRssMib: number;
  /** Requests that failed or answered other than 2xx. */
  readonly failures: number;
}

/** Runs autocannon at `connections` for `seconds` and reads the server's CPU and peak RSS from `/proc`. */
export async function runLoad(url: string, pid: number, connections: number, seconds: number): Promise<LoadResult> {
  resetPeakRss(pid);
  const cpuBefore = cpuMillisOf(pid);
  const result = await autocannon({ url, connections, duration: seconds, method: 'GET' });
  const cpu = cpuMillisOf(pid) - cpuBefore;
  const completed = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: cpu / completed,
    peakRssMib: peakRssMibOf(pid),
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
