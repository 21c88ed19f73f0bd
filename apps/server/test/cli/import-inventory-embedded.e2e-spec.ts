import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { hashPassword } from '../../src/bootstrap/password-hasher';
import { CliFoundationModule } from '../../src/cli/cli-foundation.module';
import { importInventory } from '../../src/cli/import-inventory/import-inventory';
import { parseInventoryFile } from '../../src/cli/import-inventory/inventory-file';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { createTempDir, testConfig } from '../support/test-server';
import { generatedInventory } from './support/inventory-fixture';

/** The quick start's embedded database (sql.js) takes the same bulk import: SQLite dialect, one connection. */
describe('bulk inventory import on the embedded database', () => {
  let dataDir: ReturnType<typeof createTempDir>;
  let app: INestApplicationContext;

  beforeAll(async () => {
    dataDir = createTempDir();
    app = await NestFactory.createApplicationContext(CliFoundationModule.forRoot(testConfig({ CSBR_DATA_DIR: dataDir.path })), {
      logger: ['error'],
    });
  });

  afterAll(async () => {
    await app?.close();
    dataDir?.remove();
  });

  it('records VMs with volumes and instance names in batches', async () => {
    const dataSource = app.get(DataSource);
    expect(dataSource.options.type).toBe('sqljs');

    const summary = await importInventory(dataSource, parseInventoryFile(generatedInventory({ vmCount: 2500, prefix: 'embedded' })), {
      cipher: app.get(SecretCipher),
      hashPassword,
      batchSize: 1000,
    });

    expect(summary).toMatchObject({ domains: { created: 2, existing: 0 }, accounts: { created: 10, existing: 0 }, vms: 2500, volumes: 2500 + 834 });
    const [vms] = await dataSource.query<{ total: number; misnamed: number }[]>(
      "SELECT COUNT(*) AS total, SUM(instance_name <> 'i-' || account_id || '-' || id || '-VM') AS misnamed FROM vm_instance",
    );
    expect(vms).toEqual({ total: 2500, misnamed: 0 });
    const [volumes] = await dataSource.query<{ total: number; dated: number }[]>(
      "SELECT COUNT(*) AS total, SUM(created LIKE '____-__-__ __:__:__%') AS dated FROM volumes",
    );
    expect(volumes).toEqual({ total: 3334, dated: 3334 });
    const [child] = await dataSource.query<{ path: string; level: number }[]>("SELECT path, level FROM domain WHERE name = 'embedded-sales'");
    expect(child).toEqual({ path: '/embedded-sales/', level: 1 });
  });
});
