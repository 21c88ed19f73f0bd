import { DataSource } from 'typeorm';

import { type Environment } from '../../config/env';
import { describeDatabase } from '../../config/describe-database';
import { withBootLock } from '../../database/boot-lock';
import { buildTypeOrmOptions } from '../../database/typeorm-options';
import { waitForDatabase } from '../../database/wait-for-database';
import { cliSetup } from '../cli-context';
import { type CliOutput } from '../cli-output';

export const MIGRATE_USAGE = [
  'Usage: csbr migrate',
  '',
  'Runs the database migrations that have not run yet, then exits. The server runs them at every start',
  'too; this lets a deployment migrate first (a systemd ExecStartPre, a Kubernetes init container).',
  'Running it again is a no-op. Uses DATABASE_URL (or the embedded database in CSBR_DATA_DIR) and waits',
  'for the database like the server (CSBR_DATABASE_WAIT_SECONDS).',
].join('\n');

/** `csbr migrate`: only the migrations, under the boot lock that instances starting together share. */
export async function runMigrate(env: Environment, output: CliOutput): Promise<void> {
  const { config, logger } = cliSetup(env);
  await waitForDatabase(config.database, config.databaseWaitMs, { warn: (message) => { logger.warn(message, 'csbr'); } });
  const dataSource = await new DataSource({ ...buildTypeOrmOptions(config.database), migrationsRun: false }).initialize();
  try {
    const applied = await withBootLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
    const total = dataSource.migrations.length;
    const where = describeDatabase(config.database);
    if (applied.length === 0) {
      output.info(`The database is up to date: ${total} migrations already applied (${where})`);
    } else {
      output.info(`Applied ${applied.length} of ${total} migrations (${where}):`);
      for (const migration of applied) output.info(`  ${migration.name}`);
    }
  } finally {
    await dataSource.destroy();
  }
}
