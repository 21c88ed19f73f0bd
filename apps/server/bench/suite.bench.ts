/*
 * `pnpm bench` (issue 13): every benchmark in one run, outside the test run, printed as ONE table
 * whose figures are ratios against a floor measured in the same run (or against the target
 * where no floor applies), with the absolute numbers beside them. Build first (the root script
 * does); it seeds its own database (`csbr_bench_<pid>`), runs, prints and drops it.
 *
 * - API: signed listBackups / listVirtualMachines / listBackupPolicies, page of 100, concurrency
 *   1, 8, 32, csbr and the bare node:http + mysql2 floor interleaved round by round (autocannon).
 * - Jobs: createBackup and assignBackupPolicy, BENCH_JOBS (1000) each at concurrency 64, dummy.
 * - Sync: one pass over the BENCH_VMS (10000) protected dummy VMs.
 * - Cold start to the first /health, with the two bundled providers and with 10 more plugins.
 *
 * Flags (environment): BENCH_SECONDS per load run (5), BENCH_VMS (10000), BENCH_BACKUPS (100000),
 * BENCH_JOBS (1000), BENCH_VEEAM=1 adds the row of the Veeam simulator sync bench (run first by
 * `pnpm bench:veeam`, it writes reports/bench/veeam-sync.json), BENCH_CPU_PROF=<dir> profiles the
 * server and the floor (a .cpuprofile each, named by pid, written when they stop), BENCH_ONLY=sync,coldstart runs only the named
 * benchmarks (of api, jobs, sync, coldstart; all when unset; without api and sync only the jobs'
 * VMs are seeded), BENCH_LISTS and BENCH_CONCURRENCY (comma lists) narrow the API runs,
 * BENCH_KEEP_DATABASE=1 leaves the seeded database behind (for EXPLAIN), BENCH_JOB=createBackup
 * runs one of the two job benchmarks, BENCH_SQL=1 prints their statements per job by text
 * (BENCH_SQL=params with parameters) and the list commands' per request, BENCH_LOG_LEVEL (error) is the server's CSBR_LOG_LEVEL. The
 * table also goes to
 * reports/bench/suite.md and the figures to reports/bench/suite.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { type Connection, createConnection } from 'mysql2/promise';

import { randomApiKeys } from '../test/support/api-keys';
import { installPluginProvider } from '../test/support/plugin-provider';
import { SignedClient } from '../test/support/signed-client';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../test/support/test-server';
import { type BenchDatabase, createBenchDatabase } from './support/bench-database';
import { type ColdStart, coldStart, trivialProviderSource } from './support/cold-start';
import { type FloorServer, startFloorServer } from './support/floor-server';
import { runJobLoad } from './support/job-load';
import { runLoad, signedUrl } from './support/load';
import { cpuMillisOf, peakRssMibOf, resetPeakRss } from './support/proc-stats';
import { seedBenchData } from './support/seed';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { renderTable, type TableRow } from './support/table';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const VMS = Number(process.env.BENCH_VMS ?? 10_000);
const BACKUPS = Number(process.env.BENCH_BACKUPS ?? 100_000);
const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const ALL_LISTS = ['listBackups', 'listVirtualMachines', 'listBackupPolicies'] as const;
/** `BENCH_CONCURRENCY=32` / `BENCH_LISTS=listBackups`: comma lists narrowing the API runs. */
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const LISTS = ALL_LISTS.filter((command) => (process.env.BENCH_LISTS ?? command).split(',').includes(command));
const BENCHMARKS = ['api', 'jobs', 'sync', 'coldstart'] as const;
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
for (const name of ONLY) {
  if (!(BENCHMARKS as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown benchmark ${name} (known: ${BENCHMARKS.join(', ')})`);
}
/** Whether BENCH_ONLY selects the benchmark (every one when it is unset). */
const runs = (name: (typeof BENCHMARKS)[number]) => ONLY.length === 0 || ONLY.includes(name);

describe('csbr benchmark suite', () => {
  let database: BenchDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let pluginDir: ReturnType<typeof createTempDir>;
  let server: ServerProcess;
  let floor: FloorServer;
  let db: Connection;
  const keys = randomApiKeys();
  const serverEnv = () => ({
    DATABASE_URL: database.url,
    CSBR_DATA_DIR: dataDir.path,
    CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CSBR_ADMIN_PASSWORD: 'bench-admin-password',
    CSBR_ADMIN_API_KEY: keys.apiKey,
    CSBR_ADMIN_SECRET_KEY: keys.secretKey,
  });

  beforeAll(async () => {
    database = await createBenchDatabase();
    dataDir = createTempDir();
    pluginDir = createTempDir();
    server = await startServerProcess({ ...serverEnv(), PORT: '0', CSBR_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', CSBR_SYNC_ENABLED: 'false' });
    db = await createConnection({ uri: database.url });
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await floor?.stop();
    await server?.stop();
    // BENCH_KEEP_DATABASE=1 keeps the seeded database, to EXPLAIN the list queries on it.
    if (process.env.BENCH_KEEP_DATABASE === '1') process.stdout.write(`kept the bench database ${database?.name}\n`);
    else await database?.drop();
    dataDir?.remove();
    pluginDir?.remove();
  }, 120_000);

  it('runs every benchmark and prints one table', async () => {
    const rows: TableRow[] = [];
    const loadAtStart = loadavg().map((value) => value.toFixed(1)).join(' ');
    /** Figures beside the table, in suite.json. */
    const details: Record<string, unknown> = {};
    const admin = new SignedClient(server.url, keys.apiKey, keys.secretKey);
    const zoneOf = async (name: string) =>
      ((await admin.ok('createZone', { name, dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })) as { zone: { id: string } }).zone.id;
    const zones = { list: await zoneOf('bench-list'), jobs: await zoneOf('bench-jobs') };
    const policies: Record<string, string> = {};
    for (const [key, zone] of Object.entries(zones)) {
      await admin.ok('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zone });
      await admin.ok('updateConfiguration', { name: 'backup.framework.provider.plugin', value: 'dummy', zoneid: zone });
      const imported = (await admin.jobResult('importBackupPolicy', { zoneid: zone, externalid: 'gold-policy', name: 'Gold', description: 'Gold' })) as {
        backuppolicy: { id: string };
      };
      policies[key] = imported.backuppolicy.id;
    }
    // Without the list and sync benchmarks only the jobs' VMs are seeded, with as many backups each.
    const vms = runs('api') || runs('sync') ? VMS : Math.min(VMS, JOBS);
    const seeded = await seedBenchData(db, { vms, backups: Math.round((BACKUPS * vms) / VMS), extraPolicies: 200, unassignedVms: JOBS }, zones, policies.list!);
    await db.query('ANALYZE TABLE backups, vm_instance, backup_policy, backup_policy_vm_map');
    const page = { page: '1', pagesize: '100', listall: 'true' };

    // API: csbr and the floor, interleaved round by round so both see the same machine load.
    if (runs('api')) floor = await startFloorServer({ databaseUrl: database.url, ...keys });
    if (runs('api') && process.env.BENCH_CPU_PROF) process.stdout.write(`profiles: csbr pid ${server.pid}, floor pid ${floor.pid}\n`);
    for (const command of runs('api') ? LISTS : []) {
      const csbrUrl = signedUrl(server.url, keys, command, page);
      const floorUrl = signedUrl(floor.url, keys, command, page);
      const [csbrAnswer, floorAnswer] = await Promise.all([fetch(csbrUrl).then((r) => r.json()), fetch(floorUrl).then((r) => r.json())]);
      const shapeOf = (answer: unknown) => {
        const body = Object.values(answer as Record<string, Record<string, unknown>>)[0]!;
        const items = Object.values(body).find(Array.isArray) as Record<string, unknown>[] | undefined;
        return { count: body.count, items: items?.length, keys: Object.keys(items?.[0] ?? {}).sort().join(',') };
      };
      const [ours, theirs] = [shapeOf(csbrAnswer), shapeOf(floorAnswer)];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        process.stdout.write(`note: ${command} answers differ in shape: csbr ${JSON.stringify(ours)} floor ${JSON.stringify(theirs)}\n`);
      }
      await runLoad(csbrUrl, server.pid, 8, 1);
      await runLoad(floorUrl, floor.pid, 8, 1);
      if (process.env.BENCH_SQL !== undefined && process.env.BENCH_SQL !== '') {
        const stopCounting = await server.countStatements();
        const requests = 20;
        for (let request = 0; request < requests; request += 1) await (await fetch(csbrUrl)).arrayBuffer();
        const counted = await stopCounting();
        const lines = counted.byText.map(({ text, count }) => `${(count / requests).toFixed(2).padStart(7)}  ${text}`);
        process.stdout.write(`\n${command}: ${counted.statements / requests} statements per request:\n${lines.join('\n')}\n`);
      }
    }
    for (const connections of runs('api') ? CONCURRENCIES : []) {
      for (const command of LISTS) {
        const floorRun = await runLoad(signedUrl(floor.url, keys, command, page), floor.pid, connections, SECONDS);
        const csbrRun = await runLoad(signedUrl(server.url, keys, command, page), server.pid, connections, SECONDS);
        if (csbrRun.failures > 0 || floorRun.failures > 0) {
          process.stdout.write(`note: ${command} c=${connections}: ${csbrRun.failures} csbr / ${floorRun.failures} floor failures\n`);
        }
        const benchmark = `${command} c=${connections}`;
        const c32 = command === 'listBackups' && connections === 32;
        const row = (metric: string, csbr: number, ref: number, higherIsBetter: boolean, unit: string, goal?: string) =>
          rows.push({ benchmark, metric, csbr, reference: ref, referenceKind: 'floor', higherIsBetter, unit, ...(goal === undefined ? {} : { goal }) });
        row('req/s', csbrRun.requestsPerSecond, floorRun.requestsPerSecond, true, '', c32 ? '≥ 0.9' : undefined);
        row('p50', csbrRun.p50Ms, floorRun.p50Ms, false, 'ms');
        row('p99', csbrRun.p99Ms, floorRun.p99Ms, false, 'ms', c32 ? '≤ 1.5' : undefined);
        row('CPU/req', csbrRun.cpuMsPerRequest, floorRun.cpuMsPerRequest, false, 'ms', c32 ? '≤ 1.5' : undefined);
        row('peak RSS', csbrRun.peakRssMib, floorRun.peakRssMib, false, 'MiB');
      }
    }
    if (runs('api')) {
      const floorSql = await timedFloorSql(db);
      rows.push({ benchmark: 'listBackups floor SQL', metric: 'count + page', csbr: floorSql, reference: 5, referenceKind: 'target', higherIsBetter: false, unit: 'ms', goal: '≤ 1' });
    }

    if (runs('jobs')) await jobBenchmarks();
    if (runs('sync')) await syncBenchmark();
    if (runs('coldstart')) await coldStartBenchmarks();

    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, load average ${loadAtStart} at the start and ${loadavg().map((value) => value.toFixed(1)).join(' ')} at the end`;
    const table = `${renderTable(rows)}\n\nMachine: ${machine}. Load runs ${SECONDS} s each; ${VMS} VMs, ${BACKUPS} backups, page of 100.\n`;
    const folder = join(__dirname, '../reports/bench');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'suite.md'), table);
    writeFileSync(join(folder, 'suite.json'), `${JSON.stringify({ machine, rows, ...details }, null, 2)}\n`);
    process.stdout.write(`\n${table}\n`);
    expect(rows.length).toBeGreaterThan(0);

    // Jobs on the dummy at zero latency.
    async function jobBenchmarks(): Promise<void> {
      const jobLoads = [
        ['createBackup', seeded.assignedVmUuids.slice(0, JOBS).map((id) => ({ virtualmachineid: id }))],
        ['assignBackupPolicy', seeded.unassignedVmUuids.map((id) => ({ virtualmachineid: id, policyid: policies.jobs! }))],
      ] as const;
      for (const [command, paramSets] of jobLoads) {
        // BENCH_JOB=createBackup runs one of the two.
        if (process.env.BENCH_JOB !== undefined && process.env.BENCH_JOB !== '' && process.env.BENCH_JOB !== command) continue;
        const cpuBefore = cpuMillisOf(server.pid);
        const stopCounting = await server.countStatements();
        const run = await runJobLoad(admin, db, command, paramSets, 64);
        const counted = await stopCounting();
        const perJob = (value: number) => value / Math.max(1, run.jobs);
        if (process.env.BENCH_SQL !== undefined && process.env.BENCH_SQL !== '') {
          const lines = counted.byText.map(({ text, count }) => `${perJob(count).toFixed(2).padStart(7)}  ${text}`);
          process.stdout.write(`\n${command}: ${counted.statements} statements, per job:\n${lines.join('\n')}\n`);
        }
        const benchmark = `${command} ×${run.jobs} c=64`;
        rows.push({ benchmark, metric: 'jobs/s', csbr: run.jobsPerSecond, reference: 500, referenceKind: 'target', higherIsBetter: true, unit: '', ...(command === 'createBackup' ? { goal: '≥ 1' } : {}) });
        rows.push({ benchmark, metric: 'submit→finish p99', csbr: run.p99Ms, reference: 1000, referenceKind: 'target', higherIsBetter: false, unit: 'ms' });
        rows.push({ benchmark, metric: 'failures', csbr: run.failures, reference: 1, referenceKind: 'target', higherIsBetter: false, unit: '', goal: '= 0' });
        // 2 ms: what 500 jobs/s on one core would allow.
        rows.push({ benchmark, metric: 'CPU/job', csbr: perJob(cpuMillisOf(server.pid) - cpuBefore), reference: 2, referenceKind: 'target', higherIsBetter: false, unit: 'ms' });
        rows.push({ benchmark, metric: 'SQL/job (submit + run)', csbr: perJob(counted.statements), reference: 1, referenceKind: 'target', higherIsBetter: false, unit: '' });
      }
    }

    // Sync: only the list zone's protected VMs (the jobs zone is switched off for it).
    async function syncBenchmark(): Promise<void> {
      await admin.ok('updateConfiguration', { name: 'backup.framework.enabled', value: 'false', zoneid: zones.jobs });
      const before = await tableRows(db);
      resetPeakRss(server.pid);
      const synced = await server.sync();
      const after = await tableRows(db);
      const written = Object.keys(after).reduce((sum, table) => sum + Math.abs((after[table] ?? 0) - (before[table] ?? 0)), 0);
      const syncName = `sync ${VMS} dummy VMs`;
      rows.push({ benchmark: syncName, metric: 'time', csbr: synced.seconds * 1000, reference: 1000, referenceKind: 'target', higherIsBetter: false, unit: 'ms', goal: '≤ 1' });
      rows.push({ benchmark: syncName, metric: 'CPU', csbr: synced.cpuMs, reference: 1000, referenceKind: 'target', higherIsBetter: false, unit: 'ms' });
      rows.push({ benchmark: syncName, metric: 'SQL statements', csbr: synced.statements, reference: 100, referenceKind: 'target', higherIsBetter: false, unit: '', goal: '≤ 1' });
      rows.push({ benchmark: syncName, metric: 'rows written (net)', csbr: written, reference: VMS, referenceKind: 'target', higherIsBetter: false, unit: '' });
      rows.push({ benchmark: syncName, metric: 'peak RSS', csbr: peakRssMibOf(server.pid), reference: 256, referenceKind: 'target', higherIsBetter: false, unit: 'MiB' });
      details.syncStatementsByKind = synced.statementsByKind;
      process.stdout.write(`sync statements by kind: ${JSON.stringify(synced.statementsByKind)}\n`);
      const veeamFile = join(__dirname, '../reports/bench/veeam-sync.json');
      if (process.env.BENCH_VEEAM === '1' && existsSync(veeamFile)) {
        const veeam = JSON.parse(readFileSync(veeamFile, 'utf8')) as { vms: number; restorePoints: number; firstSync: { seconds: number }; reSync: { seconds: number }; serverPeakRssMib: number };
        const name = `Veeam sync ${veeam.vms}×${veeam.restorePoints / veeam.vms}`;
        rows.push({ benchmark: name, metric: 'first sync', csbr: veeam.firstSync.seconds * 1000, reference: 1000, referenceKind: 'target', higherIsBetter: false, unit: 'ms' });
        rows.push({ benchmark: name, metric: 're-sync', csbr: veeam.reSync.seconds * 1000, reference: 1000, referenceKind: 'target', higherIsBetter: false, unit: 'ms' });
        rows.push({ benchmark: name, metric: 'peak RSS', csbr: veeam.serverPeakRssMib, reference: 256, referenceKind: 'target', higherIsBetter: false, unit: 'MiB' });
      }
    }

    // Cold start: the floor server's own start is the floor; then csbr bare and with 10 plugins.
    // Wall time and the server's CPU time both: on a shared machine the load inflates the first.
    async function coldStartBenchmarks(): Promise<void> {
      await floor?.stop();
      const floorStarts: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        const started = performance.now();
        floor = await startFloorServer({ databaseUrl: database.url, ...keys });
        await fetch(signedUrl(floor.url, keys, 'listBackupPolicies', page));
        floorStarts.push(performance.now() - started);
        await floor.stop();
      }
      floor = undefined as unknown as FloorServer;
      // Each started instance has its own management server id, as the cluster requires.
      let instance = 900_000;
      const coldEnv = (extra: Record<string, string> = {}) => ({ ...serverEnv(), CSBR_MANAGEMENT_SERVER_ID: String((instance += 1)), ...extra });
      const bare = await medianStart(3, () => coldStart(coldEnv()));
      for (let n = 1; n <= 10; n += 1) {
        installPluginProvider(pluginDir.path, { packageName: `csbr-provider-bench${n}`, provider: `bench${n}`, contract: '^1.0.0', source: trivialProviderSource(`bench${n}`) });
      }
      const plugged = await medianStart(3, () => coldStart(coldEnv({ CSBR_PLUGIN_DIR: pluginDir.path })));
      const floorStart = median(floorStarts);
      const row = (benchmark: string, metric: string, csbr: number, reference: number, referenceKind: 'floor' | 'target', goal?: string) =>
        rows.push({ benchmark, metric, csbr, reference, referenceKind, higherIsBetter: false, unit: 'ms', ...(goal === undefined ? {} : { goal }) });
      row('cold start, 2 providers', 'to /health', bare.wallMs, floorStart, 'floor');
      row('cold start, 2 providers', 'CPU to /health', bare.cpuMs, 1500, 'target');
      row('cold start, 12 providers', 'to /health', plugged.wallMs, floorStart, 'floor');
      row('cold start, 12 providers', 'to /health', plugged.wallMs, 1500, 'target', '≤ 1');
      row('cold start, 12 providers', 'CPU to /health', plugged.cpuMs, 1500, 'target');
    }
  }, 1_800_000);
});

/** The floor's listBackups SQL alone (count + page), median of 5, ms. */
async function timedFloorSql(db: Connection): Promise<number> {
  return medianOf(5, async () => {
    const started = performance.now();
    await db.query('SELECT COUNT(*) FROM backups WHERE removed IS NULL');
    await db.query(
      'SELECT b.*, v.uuid, v.name FROM (SELECT id FROM backups WHERE removed IS NULL ORDER BY id LIMIT 100) page JOIN backups b ON b.id = page.id JOIN vm_instance v ON v.id = b.vm_id ORDER BY b.id',
    );
    return performance.now() - started;
  });
}

/** Row counts of every table of the bench database. */
async function tableRows(db: Connection): Promise<Record<string, number>> {
  const [tables] = (await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) as [
    { name: string }[],
    unknown,
  ];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [[row]] = (await db.query(`SELECT COUNT(*) AS n FROM \`${name}\``)) as [{ n: number }[], unknown];
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The start of median wall time among `times` (its CPU time beside it). */
async function medianStart(times: number, run: () => Promise<ColdStart>): Promise<ColdStart> {
  const starts: ColdStart[] = [];
  for (let round = 0; round < times; round += 1) starts.push(await run());
  return [...starts].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(times / 2)]!;
}

async function medianOf(times: number, run: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let round = 0; round < times; round += 1) values.push(await run());
  return median(values);
}
