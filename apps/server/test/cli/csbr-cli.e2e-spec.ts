import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createConnection } from 'mysql2/promise';

import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { requireBuiltCli, runCsbr } from './support/run-csbr';
import { generatedInventory } from './support/inventory-fixture';

describe('the csbr command', () => {
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let env: Record<string, string>;

  beforeAll(async () => {
    requireBuiltCli();
    database = await createTestDatabase();
    dataDir = createTempDir();
    env = { DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path, CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, CSBR_LOG_LEVEL: 'error' };
  });

  afterAll(async () => {
    await database?.drop();
    dataDir?.remove();
  });

  it('imports an inventory file into a fresh database and says what it did', async () => {
    const file = join(dataDir.path, 'inventory.json');
    writeFileSync(file, JSON.stringify(generatedInventory({ vmCount: 250, prefix: 'cli' })));

    const run = await runCsbr(['import-inventory', file, '--batch-size', '100'], env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('250/250 VMs');
    expect(run.stdout).toMatch(/Imported 2 zones \(0 existing\), 2 domains \(0 existing\), 10 accounts \(0 existing\) with 10 users, 250 VMs with 334 volumes in [\d.]+ s/);
    const connection = await createConnection({ uri: database.url });
    try {
      const [rows] = await connection.query("SELECT COUNT(*) AS count FROM vm_instance WHERE name LIKE 'cli-vm-%'");
      expect(rows).toEqual([{ count: 250 }]);
      const [root] = await connection.query("SELECT name FROM domain WHERE path = '/'");
      expect(root).toEqual([{ name: 'ROOT' }]);
    } finally {
      await connection.end();
    }
  });

  it('exits 1 with the problems of a bad file, and 2 with the usage on a wrong command line', async () => {
    const file = join(dataDir.path, 'bad.json');
    writeFileSync(file, JSON.stringify({ vms: [{ name: 'no-zone' }] }));

    const bad = await runCsbr(['import-inventory', file], env);
    const usage = await runCsbr(['import-inventory'], env);
    const unknown = await runCsbr(['explode'], env);

    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('vms[0].zone is required');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('import-inventory needs the path of a JSON file');
    expect(usage.stderr).toContain('Usage: csbr import-inventory <file.json> [--batch-size <n>]');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command: explode') });
  });
});
