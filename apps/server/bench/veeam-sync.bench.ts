/*
 * The sync at scale against Veeam (issue 8), outside the normal test run. Build first, then run it:
 *
 *   pnpm build && pnpm --filter @csbr/server bench -- veeam-sync
 *
 * It seeds the VBR simulator (a process of its own) with BENCH_VMS (default 10000) VMs ×
 * BENCH_POINTS (default 30) restore points, each VM with its csbr job (`<instance>-CSBKP-<uuid>`),
 * records the same VMs as protected in a fresh MariaDB database, and has the real server (its
 * build, in a process of its own) sync twice in a zone set to `veeam`: the first sync records every
 * restore point; the re-sync, with nothing changed in Veeam, must write no backup row. It prints the
 * times, the rows written, the requests the provider made per Veeam operation, and the server
 * process's peak RSS (VmHWM); results also go to reports/bench/veeam-sync.json. BENCH_PERSONALITY=12
 * runs against VBR 12.3.1. Nothing is asserted about time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { type Connection, createConnection } from 'mysql2/promise';

import { randomApiKeys } from '../test/support/api-keys';
import { SignedClient } from '../test/support/signed-client';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../test/support/test-server';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { startSimulatorProcess, type SimulatorProcess } from './support/simulator-process';

const VMS = Number(process.env.BENCH_VMS ?? 10_000);
const POINTS = Number(process.env.BENCH_POINTS ?? 30);
const PERSONALITY = process.env.BENCH_PERSONALITY === '12' ? '12' : '13';
const WIDTH = Math.max(5, String(VMS).length);
/** The uuid of VM number `n`: the same in the database and in Veeam's job names. */
const UUID_PREFIX = '5ca1ab1e-0000-4000-8000-';
const uuidOf = (n: string) => `${UUID_PREFIX}${n.padStart(12, '0')}`;

describe(`Veeam sync benchmark (VBR ${PERSONALITY})`, () => {
  let simulator: SimulatorProcess;
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let server: ServerProcess;
  let db: Connection;
  const keys = randomApiKeys();

  beforeAll(async () => {
    simulator = await startSimulatorProcess(PERSONALITY);
    database = await createTestDatabase();
    dataDir = createTempDir();
    server = await startServerProcess({
      DATABASE_URL: database.url,
      PORT: '0',
      CSBR_DATA_DIR: dataDir.path,
      CSBR_LOG_LEVEL: 'error',
      CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CSBR_ADMIN_PASSWORD: 'bench-admin-password',
      CSBR_ADMIN_API_KEY: keys.apiKey,
      CSBR_ADMIN_SECRET_KEY: keys.secretKey,
      CSBR_SYNC_ENABLED: 'false',
    });
    db = await createConnection({ uri: database.url });
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
    await database?.drop();
    dataDir?.remove();
    await simulator?.stop();
  }, 120_000);

  it(`syncs ${VMS} VMs × ${POINTS} restore points, then again with nothing changed`, async () => {
    const seeded = await simulator.control<{ restorePoints: number }>('POST', '/seed', {
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
    const admin = new SignedClient(server.url, keys.apiKey, keys.secretKey);
    const { zone } = (await admin.ok('createZone', { name: 'veeam-bench', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })) as { zone: { id: string } };
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
      await admin.ok('updateConfiguration', { name, value, zoneid: zone.id });
    }
    const gold = jobs.find((job) => job.name === 'Gold')!;
    const imported = (await admin.jobResult('importBackupPolicy', { zoneid: zone.id, externalid: gold.id, name: 'Gold', description: 'Veeam Gold' })) as {
      backuppolicy: { id: string };
    };
    await seedProtectedVms(db, zone.id, imported.backuppolicy.id, jobs);

    const first = await measuredSync(server, simulator, db);
    const again = await measuredSync(server, simulator, db);

    const result = {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version },
      personality: PERSONALITY,
      vms: VMS,
      restorePoints: seeded.restorePoints,
      backupRows: await count(db, 'SELECT COUNT(*) AS count FROM backups WHERE removed IS NULL'),
      firstSync: first,
      reSync: again,
      serverPeakRssMib: again.serverPeakRssMib,
    };
    const folder = join(__dirname, '../reports/bench');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'veeam-sync.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`veeam-sync: ${JSON.stringify(result, null, 2)}\n`);
    expect(first.report.created).toBe(VMS * POINTS);
    expect(again.report).toMatchObject({ created: 0, removed: 0, failed: 0 });
    expect(again.backupsTableChanged).toBe(false);
  }, 1_800_000);
});

/** The VMs Veeam protects, recorded as CloudStack would have them after assignment, in bulk. */
async function seedProtectedVms(
  db: Connection,
  zoneUuid: string,
  policyUuid: string,
  jobs: readonly { id: string; name: string }[],
): Promise<void> {
  const [[zone]] = (await db.query('SELECT id FROM data_center WHERE uuid = ?', [zoneUuid])) as [{ id: number }[], unknown];
  const [[policy]] = (await db.query('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid])) as [{ id: number }[], unknown];
  const [[account]] = (await db.query("SELECT id, domain_id FROM account WHERE account_name = 'admin'")) as [{ id: number; domain_id: number }[], unknown];
  const jobIdOf = new Map(jobs.map((job) => [job.name, job.id]));
  for (let start = 1; start <= VMS; start += 1000) {
    const numbers = Array.from({ length: Math.min(1000, VMS - start + 1) }, (_, index) => String(start + index).padStart(WIDTH, '0'));
    const rows = numbers.map((n) => {
      const instanceName = `i-2-${n}-VM`;
      const jobId = jobIdOf.get(`${instanceName}-CSBKP-${uuidOf(n)}`) ?? null;
      return [`bench-${n}`, uuidOf(n), instanceName, 'Running', zone!.id, account!.id, account!.domain_id, 'VMware', 'User', jobId, '[]'];
    });
    await db.query(
      `INSERT INTO vm_instance (name, uuid, instance_name, state, data_center_id, account_id, domain_id, hypervisor_type, type, backup_external_id, backup_volumes,
                                vm_type, guest_os_id, vnc_password, service_offering_id, created)
       VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'User', 103, '', 1, NOW())").join(', ')}`,
      rows.flat(),
    );
    await db.query(
      `INSERT INTO backup_policy_vm_map (policy_id, vm_id, zone_id, created)
       SELECT ?, id, data_center_id, NOW() FROM vm_instance WHERE uuid IN (${numbers.map(() => '?').join(', ')})`,
      [policy!.id, ...numbers.map(uuidOf)],
    );
  }
}

async function count(db: Connection, sql: string): Promise<number> {
  const [[row]] = (await db.query(sql)) as [{ count: number }[], unknown];
  return Number(row?.count ?? 0);
}

async function checksum(db: Connection, table: string): Promise<string> {
  const [[row]] = (await db.query(`CHECKSUM TABLE ${table}`)) as [{ Checksum: number | string }[], unknown];
  return String(row?.Checksum);
}

/** One sync with its time, report, rows written, Veeam requests and the server's peak RSS. */
async function measuredSync(server: ServerProcess, simulator: SimulatorProcess, db: Connection) {
  await simulator.control('DELETE', '/requests');
  const backupsBefore = await checksum(db, 'backups');
  const usageBefore = await count(db, 'SELECT COUNT(*) AS count FROM usage_event');
  const eventsBefore = await count(db, 'SELECT COUNT(*) AS count FROM event');
  const synced = await server.sync();
  const { counts } = await simulator.control<{ counts: Record<string, { total: number }> }>('GET', '/requests?limit=0');
  const requests = Object.fromEntries(Object.entries(counts).map(([operation, entry]) => [operation, entry.total]));
  return {
    seconds: Number(synced.seconds.toFixed(2)),
    report: synced.report,
    backupRowsWritten: synced.report.created + synced.report.removed,
    backupsTableChanged: (await checksum(db, 'backups')) !== backupsBefore,
    usageEventsWritten: (await count(db, 'SELECT COUNT(*) AS count FROM usage_event')) - usageBefore,
    eventsWritten: (await count(db, 'SELECT COUNT(*) AS count FROM event')) - eventsBefore,
    veeamRequests: Object.values(requests).reduce((sum, total) => sum + total, 0),
    requestsByOperation: requests,
    serverPeakRssMib: synced.peakRssMib,
  };
}
