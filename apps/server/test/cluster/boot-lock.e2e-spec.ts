import { type RunningServer } from '../../src/bootstrap/create-app';
import { ALL_MIGRATIONS } from '../../src/database/migrations/all-migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer } from '../support/test-server';
import { createConnection, type Connection } from 'mysql2/promise';

/**
 * Three instances starting at the same moment on one empty database take turns through the boot
 * lock: the migrations run once and the first-start data is created once.
 */
describe('instances starting together on an empty database (MariaDB)', () => {
  let database: TestDatabase;
  const dataDirs = [createTempDir(), createTempDir(), createTempDir()];
  let servers: RunningServer[] = [];
  let probe: Connection;

  beforeAll(async () => {
    database = await createTestDatabase();
    probe = await createConnection({ uri: database.url });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await probe?.end();
    await database?.drop();
    for (const dir of dataDirs) dir.remove();
  });

  it('all start, the schema is migrated once, and the initial data exists once', async () => {
    servers = await Promise.all(
      dataDirs.map((dir) =>
        startTestServer({
          DATABASE_URL: database.url,
          CSBR_DATA_DIR: dir.path,
          CSBR_ADMIN_API_KEY: 'boot-key',
          CSBR_ADMIN_SECRET_KEY: 'boot-secret',
          CSBR_SYNC_ENABLED: 'false',
        }),
      ),
    );

    const [migrations] = await probe.query('SELECT COUNT(*) AS n FROM migrations');
    expect(migrations).toEqual([{ n: ALL_MIGRATIONS.length }]);
    const [admins] = await probe.query("SELECT COUNT(*) AS n FROM user WHERE username = 'admin'");
    expect(admins).toEqual([{ n: 1 }]);
    const [hosts] = await probe.query("SELECT COUNT(*) AS n FROM mshost WHERE state = 'Up'");
    expect(hosts).toEqual([{ n: 3 }]);
    for (const server of servers) expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
