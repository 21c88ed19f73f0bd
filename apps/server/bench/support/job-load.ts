import { type Connection } from 'mysql2/promise';

import { type SignedClient } from '../../test/support/signed-client';

/** How a burst of async commands went, from the first submit to the last finish. */
export interface JobLoadResult {
  readonly jobs: number;
  readonly jobsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Submits `command` once per parameter set, `concurrency` submits in flight at a time, and watches
 * `async_job` every 10 ms for the jobs' ends (its timestamps have whole seconds only, so each
 * submit→finish time is accurate to the watch interval). A refused submit or a failed job counts
 * as a failure.
 */
export async function runJobLoad(
  client: SignedClient,
  db: Connection,
  command: string,
  paramSets: readonly Record<string, string>[],
  concurrency: number,
): Promise<JobLoadResult> {
  const submittedAt = new Map<string, number>();
  const finishedAt = new Map<string, { at: number; status: number }>();
  let refused = 0;
  let next = 0;
  const started = performance.now();
  const [[mark]] = (await db.query('SELECT COALESCE(MAX(id), 0) AS id FROM async_job')) as [{ id: number }[], unknown];
  let watching = true;
  const watcher = (async () => {
    while (watching || finishedAt.size < submittedAt.size) {
      const [rows] = (await db.query('SELECT uuid, job_status FROM async_job WHERE id > ? AND job_status <> 0', [mark!.id])) as [
        { uuid: string; job_status: number }[],
        unknown,
      ];
      const now = performance.now();
      for (const row of rows) if (!finishedAt.has(row.uuid)) finishedAt.set(row.uuid, { at: now, status: row.job_status });
      if (!watching && finishedAt.size >= submittedAt.size) break;
      if (now - started > 600_000) throw new Error(`${command}: jobs still pending after 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paramSets.length) {
        const params = paramSets[next]!;
        next += 1;
        const at = performance.now();
        const reply = await client.call(command, params);
        const jobId: unknown = reply.body.jobid;
        if (reply.status !== 200 || typeof jobId !== 'string') refused += 1;
        else submittedAt.set(jobId, at);
      }
    }),
  );
  watching = false;
  await watcher;
  const latencies: number[] = [];
  let failed = 0;
  let last = started;
  for (const [jobId, at] of submittedAt) {
    const end = finishedAt.get(jobId);
    if (end === undefined) continue;
    latencies.push(end.at - at);
    if (end.status !== 1) failed += 1;
    last = Math.max(last, end.at);
  }
  latencies.sort((a, b) => a - b);
  return {
    jobs: submittedAt.size,
    jobsPerSecond: submittedAt.size / ((last - started) / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures: refused + failed,
  };
}
