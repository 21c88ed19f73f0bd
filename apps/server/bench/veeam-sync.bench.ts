/*
 * The sync at scale against Veeam (issue 8), outside the normal test run. Run it with:
 *
 *   pnpm --filter @csbr/server bench -- veeam-sync
 *
 * It seeds the VBR simulator (its own process) with BENCH_VMS (default 10000) VMs × BENCH_POINTS
 * (default 30) restore points, each VM with its csbr job (`<instance>-CSBKP-<uuid>`), records the
 * same VMs as protected in a fresh MariaDB database, and runs the server's sync twice in a zone set
 * to `veeam`: the first sync records every restore point; the re-sync, with nothing changed in
 * Veeam, must write no backup row. It prints the times, the rows written, the requests the provider
 * made per Veeam operation, and the process's peak RSS (VmHWM); results also go to
 * reports/bench/veeam-sync.json. BENCH_PERSONALITY=12 runs against VBR 12.3.1. Nothing is asserted
 * about time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { type DataSource, type Logger } from 'typeorm';

import { type BackupApiEnv, startBackupApiEnv } from '../test/backup-api/support/backup-api-env';
import { type SeededAccount, type SeededZone } from '../test/backup-api/support/backup-seeder';
import { startSimulatorProcess, type SimulatorProcess } from './support/simulator-process';

const VMS = Number(process.env.BENCH_VMS ?? 10_000);
const POINTS = Number(process.env.BENCH_POINTS ?? 30);
const PERSONALITY = process.env.BENCH_PERSONALITY === '12' ? '12' : '13';
const WIDTH = Math.max(5, String(VMS).length);
const MIB = 1024 * 1024;

/** The uuid of VM number `n` (zero-padded): the same in the database and in Veeam's job names. */
const UUID_PREFIX = '5ca1ab1e-0000-4000-8000-';
const uuidOf = (n: string) => `${UUID_PREFIX}${n.padStart(12, '0')}`;

interface OperationCount {
  total: number;
}

/** Counts the statements that write, per table, while installed as the data source's logger. */
class WriteCounter implements Logger {
  readonly byTable = new Map<string, number>();
  logQuery(query: string): void {
    const match = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/i.exec(query);
    if (match?.[1] !== undefined) this.byTable.set(match[1], (this.byTable.get(match[1]) ?? 0) + 1);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function peakRssMib(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

describe(`Veeam sync benchmark (VBR ${PERSONALITY})`, () => {
  let simulator: SimulatorProcess;
  let env: BackupApiEnv;
  let zone: SeededZone;
  let account: SeededAccount;
  const baselineRssMib = peakRssMib();

  beforeAll(async () => {
    simulator = await startSimulatorProcess(PERSONALITY);
    env = await startBackupApiEnv();
    zone = await env.seed.zone('veeam-bench');
    account = await env.seed.account('bench');
  }, 600_000);

  afterAll(async () => {
    await env?.close();
    await simulator?.stop();
  }, 120_000);

  it(`syncs ${VMS} VMs × ${POINTS} restore points, then again with nothing changed`, async () => {
    const seeded = await simulator.control<{ durationMs: number; restorePoints: number }>('POST', '/seed', {
      preset: 'demo',
      scale: {
        vms: VMS,
        restorePointsPerVm: POINTS,
        vmNamePattern: 'i-2-{n}-VM',
        // The simulator pads {n} to WIDTH digits: the uuid's last group gets the rest of its 12.
        jobNamePattern: `{vm}-CSBKP-${UUID_PREFIX}${'0'.repeat(12 - WIDTH)}{n}`,
      },
    });
    const jobs = await simulator.control<{ id: string; name: string }[]>('GET', '/jobs');
    const gold = jobs.find((job) => job.name === 'Gold')!;
    await configureZone(env, zone, simulator);
    const policyUuid = await env.importPolicy(zone, gold.id, 'Gold', 'Veeam Gold');
    const [policy] = await env.query('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
    await seedProtectedVms(env.dataSource, zone, account, String(policy?.id), jobs);

    const first = await measuredSync(env, simulator);
    const again = await measuredSync(env, simulator);

    const [rows] = await env.query('SELECT COUNT(*) AS count FROM backups WHERE removed IS NULL');
    const result = {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version },
      personality: PERSONALITY,
      vms: VMS,
      restorePoints: seeded.restorePoints,
      backupRows: Number(rows?.count),
      firstSync: first,
      reSync: again,
      peakRssMib: peakRssMib(),
      baselineRssMib,
    };
    const folder = join(__dirname, '../reports/bench');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'veeam-sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`veeam-sync: ${JSON.stringify(result, null, 2)}\n`);
    expect(first.report.created).toBe(VMS * POINTS);
    expect(again.report).toMatchObject({ created: 0, removed: 0, failed: 0 });
  }, 1_800_000);
});

async function configureZone(env: BackupApiEnv, zone: SeededZone, simulator: SimulatorProcess): Promise<void> {
  for (const [name, value] of [
    ['backup.framework.enabled', 'true'],
    ['backup.framework.provider.plugin', 'veeam'],
    ['backup.plugin.veeam.url', simulator.url],
    ['backup.plugin.veeam.password', 'Veeam123!'],
    ['backup.plugin.veeam.ca.certificate', simulator.caCertificate],
    ['backup.plugin.veeam.vcenter', 'vcenter.sim.local'],
    // Both syncs sweep Veeam's backup objects too: the re-sync is timed at its worst.
    ['backup.plugin.veeam.sync.sweep.interval', '0'],
  ] as const) {
    await env.configure(name, value, zone);
  }
}

/** The VMs Veeam protects, recorded as CloudStack would have them after assignment, in bulk. */
async function seedProtectedVms(
  dataSource: DataSource,
  zone: SeededZone,
  account: SeededAccount,
  policyId: string,
  jobs: readonly { id: string; name: string }[],
): Promise<void> {
  const jobIdOf = new Map(jobs.map((job) => [job.name, job.id]));
  for (let start = 1; start <= VMS; start += 1000) {
    const numbers = Array.from({ length: Math.min(1000, VMS - start + 1) }, (_, index) => String(start + index).padStart(WIDTH, '0'));
    const vmRows = numbers.map((n) => {
      const instanceName = `i-2-${n}-VM`;
      return [`bench-${n}`, uuidOf(n), instanceName, 'Running', zone.id, account.id, account.domainId, 'VMware', 'User', jobIdOf.get(`${instanceName}-CSBKP-${uuidOf(n)}`) ?? null, '[]'];
    });
    await dataSource.query(
      `INSERT INTO vm_instance (name, uuid, instance_name, state, data_center_id, account_id, domain_id, hypervisor_type, type, backup_external_id, backup_volumes, created)
       VALUES ${vmRows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())').join(', ')}`,
      vmRows.flat(),
    );
    await dataSource.query(
      `INSERT INTO backup_policy_vm_map (policy_id, vm_id, zone_id, created)
       SELECT ?, id, data_center_id, NOW() FROM vm_instance WHERE uuid IN (${numbers.map(() => '?').join(', ')})`,
      [policyId, ...numbers.map(uuidOf)],
    );
  }
}

/** One sync with its time, report, rows written per table, Veeam requests and RSS. */
async function measuredSync(env: BackupApiEnv, simulator: SimulatorProcess) {
  await simulator.control('DELETE', '/requests');
  const writes = new WriteCounter();
  const target = env.dataSource as unknown as { logger: Logger };
  const original = target.logger;
  target.logger = writes;
  let peakDuringMib = 0;
  const sampler = setInterval(() => {
    peakDuringMib = Math.max(peakDuringMib, Math.round(process.memoryUsage().rss / MIB));
  }, 100);
  const started = process.hrtime.bigint();
  let report;
  try {
    report = await env.runSync();
  } finally {
    clearInterval(sampler);
    target.logger = original;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { counts } = await simulator.control<{ counts: Record<string, OperationCount> }>('GET', '/requests?limit=0');
  const requests = Object.fromEntries(Object.entries(counts).map(([operation, count]) => [operation, count.total]));
  return {
    seconds: Number(seconds.toFixed(2)),
    report,
    backupRowsWritten: report.created + report.removed,
    writeStatements: Object.fromEntries(writes.byTable),
    veeamRequests: Object.values(requests).reduce((sum, count) => sum + count, 0),
    requestsByOperation: requests,
    rssPeakDuringMib: peakDuringMib,
  };
}
