import { type RunningServer } from '../../src/bootstrap/create-app';
import { type Environment } from '../../src/config/env';
import { type ApiKeyPair, randomApiKeys } from './api-keys';
import { createTestDatabase } from './test-database';
import { createTempDir, startTestServer } from './test-server';

/** The whole server over real HTTP on a MariaDB database and data folder of its own. */
export interface FreshServer {
  readonly server: RunningServer;
  readonly url: string;
  /** The root admin's keys (`CSBR_ADMIN_API_KEY` / `CSBR_ADMIN_SECRET_KEY`). */
  readonly adminKeys: ApiKeyPair;
  /** Name of the test's own database. */
  readonly databaseName: string;
  /** Stops the server, then drops its database and removes its data folder. */
  close(): Promise<void>;
}

/** Starts a server on a new database; `env` adds or overrides its settings. */
export async function startFreshServer(env: Environment = {}, adminKeys: ApiKeyPair = randomApiKeys()): Promise<FreshServer> {
  const database = await createTestDatabase();
  const dataDir = createTempDir();
  let server: RunningServer;
  try {
    server = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: adminKeys.apiKey,
      CSBR_ADMIN_SECRET_KEY: adminKeys.secretKey,
      ...env,
    });
  } catch (error) {
    await database.drop();
    dataDir.remove();
    throw error;
  }
  return {
    server,
    url: server.url,
    adminKeys,
    databaseName: database.name,
    close: async () => {
      try {
        await server.close();
      } finally {
        await database.drop();
        dataDir.remove();
      }
    },
  };
}
