import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { BackupSyncScheduler } from '../../src/backup-api/backup-sync-scheduler';
import { type RunningServer } from '../../src/bootstrap/create-app';
import { ConfigurationService } from '../../src/configuration/configuration.service';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { randomApiKeys } from '../support/api-keys';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer } from '../support/test-server';
import { type JsonBody } from '../support/json-body';
import { SignedClient } from '../support/signed-client';
import { expectJobSuccess } from './support/api-expectations';
import { BackupSeeder, type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';

const PROVIDER_NAME = 'listing-test';
const POINTS_FILE = 'restore-points.json';

/**
 * A provider that lists restore points, installed in `CSBR_PLUGIN_DIR` as operators install
 * third-party providers. It keeps its restore points in a JSON file next to the plugin folder's
 * package.json (so it "survives restarts" like a real backup system), and the test edits that file
 * to make points appear and vanish on the provider's side. Plain JS with the brand written out,
 * as a provider built against another copy of the framework carries it.
 */
function installListingProvider(pluginDir: string): void {
  const packageDir = join(pluginDir, 'node_modules', 'csbr-test-listing-provider');
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(
    join(pluginDir, 'package.json'),
    JSON.stringify({ name: 'csbr-plugins', private: true, dependencies: { 'csbr-test-listing-provider': '1.0.0' } }),
  );
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({
      name: 'csbr-test-listing-provider',
      version: '1.0.0',
      main: 'index.js',
      csbr: { provider: PROVIDER_NAME, contract: '^1.0.0' },
    }),
  );
  writeFileSync(join(pluginDir, POINTS_FILE), '{}');
  writeFileSync(
    join(packageDir, 'index.js'),
    `'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const file = join(__dirname, '..', '..', ${JSON.stringify(POINTS_FILE)});
const read = () => JSON.parse(readFileSync(file, 'utf8'));
const toPoint = (stored) => ({ ...stored, created: new Date(stored.created) });
let taken = 0;
const provider = {
  listPolicies: async () => [{ externalId: 'gold', name: 'Gold', description: 'Gold' }],
  isValidPolicy: async () => true,
  assignVm: async () => ({ externalId: 'listing-job' }),
  removeVm: async () => undefined,
  willDeleteBackupsOnPolicyRemoval: () => false,
  takeBackup: async ({ vm }) => {
    taken += 1;
    const point = { externalId: 'rp-' + vm.uuid + '-' + taken, created: new Date().toISOString(), type: 'Full', size: 2048, protectedSize: 4096 };
    const all = read();
    all[vm.uuid] = [...(all[vm.uuid] || []), point];
    writeFileSync(file, JSON.stringify(all));
    return toPoint(point);
  },
  deleteBackup: async () => undefined,
  restoreVm: async () => undefined,
  restoreVolume: async () => ({ restoredLocation: 'restored' }),
  getMetrics: async (_zone, vms) => new Map(vms.map((vm) => [vm.uuid, { backupSize: 3000, dataSize: 300 }])),
  listRestorePoints: async ({ vm }) => (read()[vm.uuid] || []).map(toPoint),
};
exports.default = Object.freeze({
  $$type: '@csbr/BackupProviderDefinition',
  name: ${JSON.stringify(PROVIDER_NAME)},
  description: 'Test provider that lists restore points',
  configKeys: [],
  create: () => provider,
});
`,
  );
}

/**
 * The sync's reconciliation through the real server and MariaDB, with a provider that lists
 * restore points (the dummy does not, see backup-sync.e2e-spec): new points become rows with a
 * system BACKUP.CREATE event, vanished ones are removed, and usage is recorded.
 */
describe('background sync with a provider that lists restore points: reconciliation (MariaDB)', () => {
  const adminKeys = randomApiKeys();
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let pluginDir: ReturnType<typeof createTempDir>;
  let server: RunningServer;
  let zone: SeededZone;
  let alice: SeededAccount;
  let policyUuid: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
    pluginDir = createTempDir();
    installListingProvider(pluginDir.path);
    server = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_PLUGIN_DIR: pluginDir.path,
      CSBR_ADMIN_API_KEY: adminKeys.apiKey,
      CSBR_ADMIN_SECRET_KEY: adminKeys.secretKey,
    });
    const seed = new BackupSeeder(server.app.get(DataSource), server.app.get(SecretCipher));
    zone = await seed.zone('zone-a');
    const configuration = server.app.get(ConfigurationService);
    await configuration.setValue('backup.framework.enabled', 'true', zone.id);
    await configuration.setValue('backup.framework.provider.plugin', PROVIDER_NAME, zone.id);
    alice = await seed.account('alice');
    const admin = new SignedClient(server.url, adminKeys.apiKey, adminKeys.secretKey);
    const imported = await admin.runJob('importBackupPolicy', {
      zoneid: zone.uuid,
      externalid: 'gold',
      name: 'Gold',
      description: 'Gold policy',
    });
    policyUuid = expectJobSuccess(imported).backuppolicy.id as string;
  });

  afterAll(async () => {
    try {
      await server?.close();
    } finally {
      await database?.drop();
      dataDir?.remove();
      pluginDir?.remove();
    }
  });

  it("adds rows for new restore points, removes vanished ones and records usage", async () => {
    const aliceClient = new SignedClient(server.url, alice.apiKey, alice.secretKey);
    const vm = await protectedVm('synced', aliceClient);
    const kept = await createBackup(aliceClient, vm);
    const lost = await createBackup(aliceClient, vm);
    // A row the database lost while the provider still holds the restore point…
    await query("UPDATE backups SET removed = NOW(), status = 'Removed' WHERE uuid = ?", [lost.id]);
    // …and one whose restore point the provider deleted on its side.
    const vanished = await createBackup(aliceClient, vm);
    dropRestorePoint(vm, vanished.externalid);

    const report = await server.app.get(BackupSyncScheduler).runOnce();

    expect(report).toMatchObject({ zones: 1, vms: 1, created: 1, removed: 1, failed: 0, skipped: 0 });
    const active = await query(
      'SELECT uuid, external_id, size, protected_size, status FROM backups WHERE vm_id = ? AND removed IS NULL ORDER BY id',
      [vm.id],
    );
    expect(active.map((row) => row.external_id)).toEqual([kept.externalid, lost.externalid]);
    expect(active[1]?.uuid).not.toBe(lost.id);
    expect(active[1]).toMatchObject({ status: 'BackedUp', size: '2048', protected_size: '4096' });
    const [gone] = await query('SELECT status, removed FROM backups WHERE uuid = ?', [vanished.id]);
    expect(gone?.status).toBe('Removed');
    expect(gone?.removed).toBeInstanceOf(Date);
    const created = await query(
      "SELECT state, user_id, account_id, description FROM event WHERE type = 'BACKUP.CREATE' AND user_id = 1",
    );
    expect(created).toEqual([
      {
        state: 'Completed',
        user_id: '1',
        account_id: alice.id,
        description: `Created backup ${String(active[1]?.uuid)} for VM ID: ${vm.uuid}`,
      },
    ]);
    const [metric] = await query(
      "SELECT resource_name, size, virtual_size FROM usage_event WHERE type = 'BACKUP.USAGE.METRIC' AND resource_id = ?",
      [vm.id],
    );
    expect(metric).toEqual({ resource_name: `Backup-synced-${vm.uuid}`, size: '3000', virtual_size: '300' });

    // Nothing left to do: a second run changes no rows.
    expect(await server.app.get(BackupSyncScheduler).runOnce()).toMatchObject({ created: 0, removed: 0, failed: 0 });
  });

  function query(sql: string, params: readonly unknown[] = []): Promise<JsonBody[]> {
    return server.app.get(DataSource).query(sql, [...params]);
  }

  function dropRestorePoint(vm: SeededVm, externalId: string): void {
    const file = join(pluginDir.path, POINTS_FILE);
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { externalId: string }[]>;
    all[vm.uuid] = (all[vm.uuid] ?? []).filter((point) => point.externalId !== externalId);
    writeFileSync(file, JSON.stringify(all));
  }

  async function protectedVm(name: string, client: SignedClient): Promise<SeededVm> {
    const seed = new BackupSeeder(server.app.get(DataSource), server.app.get(SecretCipher));
    const vm = await seed.vm(name, zone, alice);
    expectJobSuccess(await client.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policyUuid }));
    return vm;
  }

  async function createBackup(client: SignedClient, vm: SeededVm): Promise<{ id: string; externalid: string }> {
    const result = expectJobSuccess(await client.runJob('createBackup', { virtualmachineid: vm.uuid }));
    return result.backup as { id: string; externalid: string };
  }
});
