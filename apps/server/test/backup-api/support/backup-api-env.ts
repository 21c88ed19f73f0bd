import { type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { BackupSyncScheduler } from '../../../src/backup-api/backup-sync-scheduler';
import { type RunningServer } from '../../../src/bootstrap/create-app';
import { ConfigurationService } from '../../../src/configuration/configuration.service';
import { SecretCipher } from '../../../src/configuration/secret-cipher';
import { type ApiKeyPair } from '../../support/api-keys';
import { startFreshServer } from '../../support/fresh-server';
import { SignedClient } from '../../support/signed-client';
import { type JsonBody } from '../../support/json-body';
import { expectJobSuccess } from './api-expectations';
import { BackupSeeder, type SeededZone } from './backup-seeder';

/** A running server on its own MariaDB database, with a signed admin client and a seeder. */
export interface BackupApiEnv {
  readonly server: RunningServer;
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  readonly admin: SignedClient;
  readonly seed: BackupSeeder;
  /** Name of the test's own database. */
  readonly databaseName: string;
  /** A client signing with another key pair (a seeded account's). */
  clientFor(keys: ApiKeyPair): SignedClient;
  /** Sets a configuration value, for the zone when given (as `updateConfiguration … zoneid=`). */
  configure(name: string, value: string, zone?: SeededZone): Promise<void>;
  /** Enables the backup framework in the zone with the dummy provider. */
  enableZone(zone: SeededZone): Promise<void>;
  /** Imports a dummy policy into the zone as the admin (`importBackupPolicy`); returns its uuid. */
  importPolicy(zone: SeededZone, externalId: string, name: string, description?: string): Promise<string>;
  /** Runs the background sync once now, as the timer would. */
  runSync(): ReturnType<BackupSyncScheduler['runOnce']>;
  /** Rows of a SQL query on the test database. */
  query<T = JsonBody>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Starts the env; `env` adds or overrides server settings (e.g. `CSBR_PLUGIN_DIR`). */
export async function startBackupApiEnv(env: Readonly<Record<string, string>> = {}): Promise<BackupApiEnv> {
  const fresh = await startFreshServer(env);
  const { server, adminKeys } = fresh;
  const { app, url } = server;
  const dataSource = app.get(DataSource);
  const configuration = app.get(ConfigurationService);
  const clientFor = (keys: ApiKeyPair) => new SignedClient(url, keys.apiKey, keys.secretKey);
  const configure = async (name: string, value: string, zone?: SeededZone): Promise<void> => {
    await configuration.setValue(name, value, zone?.id);
  };
  const admin = clientFor(adminKeys);
  return {
    server,
    app,
    dataSource,
    admin,
    seed: new BackupSeeder(dataSource, app.get(SecretCipher)),
    databaseName: fresh.databaseName,
    clientFor,
    configure,
    enableZone: async (zone) => {
      await configure('backup.framework.enabled', 'true', zone);
      await configure('backup.framework.provider.plugin', 'dummy', zone);
    },
    importPolicy: async (zone, externalId, name, description = `${name} policy`) => {
      const job = await admin.runJob('importBackupPolicy', {
        zoneid: zone.uuid,
        externalid: externalId,
        name,
        description,
      });
      return expectJobSuccess(job).backuppolicy.id as string;
    },
    runSync: () => app.get(BackupSyncScheduler).runOnce(),
    query: (sql, params = []) => dataSource.query(sql, [...params]),
    close: () => fresh.close(),
  };
}
