import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { type SyncReport } from '@csbr/framework/host';

/** One sync run in the server process: its report, its time, and the process's memory. */
export interface RemoteSync {
  readonly report: SyncReport;
  readonly seconds: number;
  /** Peak RSS of the server process so far (`VmHWM`), MiB. */
  readonly peakRssMib: number;
  /** SQL statements the server's data source sent during the sync. */
  readonly statements: number;
  /** The same statements by kind: verb and table (`INSERT usage_event`, `SELECT vm_instance`), most first. */
  readonly statementsByKind: Readonly<Record<string, number>>;
  /** CPU time (user + system) the server process spent during the sync, ms. */
  readonly cpuMs: number;
}

/** What the server's data source sent between {@link ServerProcess.countStatements} and its stop. */
export interface StatementCount {
  readonly statements: number;
  /** Statements by their text (literals as `?`), most frequent first. */
  readonly byText: readonly { readonly text: string; readonly count: number }[];
}

/** The real server (its build, `dist/`) in a process of its own, so that its memory is its own. */
export interface ServerProcess {
  readonly url: string;
  /** The child's pid, to read its CPU time and memory from `/proc`. */
  readonly pid: number;
  sync(): Promise<RemoteSync>;
  /** Starts counting the statements the server sends; the answer stops counting and tells. */
  countStatements(): Promise<() => Promise<StatementCount>>;
  stop(): Promise<void>;
}

/**
 * What runs in the child: the server as `main.js` starts it, plus a message handler that runs one
 * sync on request (the scheduler's own `runOnce`) and reports the process's peak RSS.
 */
const CHILD = `
const { readFileSync } = require('node:fs');
const dist = process.env.CSBR_BENCH_DIST;
const { startServer } = require(dist + '/bootstrap/create-app');
const { loadServerConfig } = require(dist + '/config/env');
const { BackupSyncScheduler } = require(dist + '/backup-api/backup-sync-scheduler');
const peakRssMib = () => Math.round(Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024);
const { DataSource } = require(require.resolve('typeorm', { paths: [dist] }));
/** A statement's kind: its verb and first table (\`SELECT vm_instance\`, \`START TRANSACTION\`); only its head is read, a 1000-row insert is long. */
const kindOf = (query) => {
  const sql = String(query).slice(0, 4000).replace(/\\s+/g, ' ').trim();
  const verb = (/^[A-Za-z]+(?: TRANSACTION)?/.exec(sql) || ['?'])[0].toUpperCase();
  const table = /\\b(?:FROM|INTO|UPDATE|JOIN)\\s+[\x60"]?([A-Za-z_]\\w*)/i.exec(sql);
  return table === null ? verb : verb + ' ' + table[1];
};
/** Counts statements by standing in for the data source's logger (TypeORM looks it up per query). */
const counted = async (dataSource, work) => {
  const original = dataSource.logger;
  let statements = 0;
  const byKind = {};
  const logQuery = (query) => { statements += 1; const kind = kindOf(query); byKind[kind] = (byKind[kind] || 0) + 1; };
  dataSource.logger = { logQuery, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
  try {
    const result = await work();
    const statementsByKind = Object.fromEntries(Object.entries(byKind).sort((a, b) => b[1] - a[1]));
    return { result, statements, statementsByKind };
  } finally {
    dataSource.logger = original;
  }
};
/** Statement texts with their literals as '?', so a histogram groups the same statement. */
const shapeOf = (sql) => sql.replace(/\\s+/g, ' ').replace(/(\\?, )+\\?/g, '?…').slice(0, 240);
let counting;
startServer(loadServerConfig(process.env)).then((server) => {
  process.send({ type: 'ready', url: server.url });
  process.on('message', async (message) => {
    if (message.type === 'count-start') {
      const dataSource = server.app.get(DataSource);
      const byText = new Map();
      counting = { dataSource, original: dataSource.logger, byText, statements: 0 };
      const withParams = process.env.BENCH_SQL === 'params';
      const count = (sql, params) => { counting.statements += 1; const text = shapeOf(sql) + (withParams && params?.length ? ' -- ' + JSON.stringify(params).slice(0, 200) : ''); byText.set(text, (byText.get(text) ?? 0) + 1); };
      dataSource.logger = { logQuery: count, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
      process.send({ type: 'counting' });
    } else if (message.type === 'count-stop') {
      counting.dataSource.logger = counting.original;
      const byText = [...counting.byText].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
      process.send({ type: 'counted', statements: counting.statements, byText });
      counting = undefined;
    } else if (message.type === 'sync') {
      const started = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      const { result: report, statements, statementsByKind } = await counted(server.app.get(DataSource), () => server.app.get(BackupSyncScheduler).runOnce());
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      if (process.env.BENCH_CPU_PROF) console.error('sync window (monotonic µs): ' + Number(started / 1000n) + ' ' + Number(process.hrtime.bigint() / 1000n));
      process.send({ type: 'synced', report, seconds, statements, statementsByKind, cpuMs, peakRssMib: peakRssMib() });
    } else if (message.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
}, (error) => { console.error(error); process.exit(1); });
`;

/** `dist`: the build to run, this checkout's `dist/` unless told (another checkout's, to compare builds). */
export async function startServerProcess(env: Readonly<Record<string, string>>, dist = join(__dirname, '../../dist')): Promise<ServerProcess> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile of its whole run there when it stops.
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile === undefined || profile === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
  const child: ChildProcess = spawn(process.execPath, [...flags, '-e', CHILD], {
    env: { ...process.env, ...env, CSBR_BENCH_DIST: dist },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the server process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await next<{ url: string }>('ready');
  return {
    url,
    pid: child.pid ?? 0,
    sync: () => {
      const synced = next<RemoteSync>('synced');
      child.send({ type: 'sync' });
      return synced;
    },
    countStatements: async () => {
      const counting = next('counting');
      child.send({ type: 'count-start' });
      await counting;
      return () => {
        const counted = next<StatementCount>('counted');
        child.send({ type: 'count-stop' });
        return counted;
      };
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
