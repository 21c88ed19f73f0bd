/*
 * Timing of `csbr import-inventory`'s core on MariaDB, outside the normal test run (`pnpm test`
 * only looks under src and test). Run it with:
 *
 *   pnpm --filter @csbr/server bench
 *
 * BENCH_VMS (default 50000) and BENCH_BATCH (default 1000) change the size. Results go to stdout and
 * to reports/bench/import-inventory.json; nothing is asserted about time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { hashPassword } from '../src/bootstrap/password-hasher';
import { CliFoundationModule } from '../src/cli/cli-foundation.module';
import { importInventory } from '../src/cli/import-inventory/import-inventory';
import { parseInventoryFile } from '../src/cli/import-inventory/inventory-file';
import { SecretCipher } from '../src/configuration/secret-cipher';
import { generatedInventory } from '../test/cli/support/inventory-fixture';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { createTempDir, testConfig } from '../test/support/test-server';

const VMS = Number(process.env.BENCH_VMS ?? 50_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);

describe('import-inventory benchmark', () => {
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let app: INestApplicationContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
    app = await NestFactory.createApplicationContext(
      CliFoundationModule.forRoot(testConfig({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path })),
      { logger: ['error'] },
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    dataDir?.remove();
  });

  it(`imports ${VMS} VMs in batches of ${BATCH}`, async () => {
    const inventory = parseInventoryFile(generatedInventory({ vmCount: VMS, accountsPerDomain: 50 }));
    const started = process.hrtime.bigint();

    const summary = await importInventory(app.get(DataSource), inventory, { cipher: app.get(SecretCipher), hashPassword, batchSize: BATCH });

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result = {
      vms: summary.vms,
      volumes: summary.volumes,
      accounts: summary.accounts.created,
      batchSize: BATCH,
      seconds: Number(seconds.toFixed(2)),
      vmsPerSecond: Math.round(summary.vms / seconds),
    };
    const folder = join(__dirname, '../reports/bench');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'import-inventory.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`import-inventory: ${JSON.stringify(result)}\n`);
    expect(summary.vms).toBe(VMS);
  }, 600_000);
});
