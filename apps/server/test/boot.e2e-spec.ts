import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { type RunningServer } from '../src/bootstrap/create-app';
import { verifyPassword } from '../src/bootstrap/password-hasher';
import { SecretCipher } from '../src/configuration/secret-cipher';
import { createTempDir, startTestServer, TEST_ENCRYPTION_KEY } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const ADMIN_API_KEY = 'boot-test-api-key';
const ADMIN_SECRET_KEY = 'boot-test-secret-key';

describe('server boot on MariaDB', () => {
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
    server = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: ADMIN_API_KEY,
      CSBR_ADMIN_SECRET_KEY: ADMIN_SECRET_KEY,
    });
  });

  afterAll(async () => {
    await server?.close();
    await database.drop();
    dataDir.remove();
  });

  const query = async (sql: string, parameters: unknown[] = []): Promise<Record<string, unknown>[]> =>
    server!.app.get(DataSource).query(sql, parameters);

  it('answers GET /health with the database up', async () => {
    const response = await fetch(`${server!.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('seeds the framework keys and the dummy provider keys into configuration', async () => {
    const rows = await query(
      'SELECT name, value, default_value, CAST(scope AS CHAR) AS scope, component, category FROM configuration ORDER BY name',
    );

    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'backup.framework.enabled', value: 'false', default_value: 'false', scope: '2', component: 'BackupService', category: 'Advanced' },
        { name: 'backup.framework.provider.plugin', value: 'dummy', default_value: 'dummy', scope: '2', component: 'BackupService', category: 'Advanced' },
        { name: 'backup.framework.sync.interval', value: '300', default_value: '300', scope: '1', component: 'BackupService', category: 'Advanced' },
        expect.objectContaining({ name: 'backup.plugin.dummy.fail.operations', component: 'dummy' }),
        expect.objectContaining({ name: 'backup.plugin.dummy.latency.ms', component: 'dummy' }),
      ]),
    );
  });

  it('creates ROOT, the system and admin accounts and users with CloudStack ids', async () => {
    const domains = await query('SELECT id, name, path, owner FROM domain');
    const accounts = await query('SELECT id, account_name, type, domain_id FROM account ORDER BY id');
    const users = await query('SELECT id, username, account_id FROM user ORDER BY id');

    expect(domains).toEqual([{ id: '1', name: 'ROOT', path: '/', owner: '2' }]);
    expect(accounts).toEqual([
      { id: '1', account_name: 'system', type: 1, domain_id: '1' },
      { id: '2', account_name: 'admin', type: 1, domain_id: '1' },
    ]);
    expect(users).toEqual([
      { id: '1', username: 'system', account_id: '1' },
      { id: '2', username: 'admin', account_id: '2' },
    ]);
  });

  it('gives the admin user the API key from the environment, with the secret encrypted and the password hashed', async () => {
    const rows = (await query("SELECT api_key, secret_key, password FROM user WHERE username = 'admin'")) as {
      api_key: string;
      secret_key: string;
      password: string;
    }[];
    const admin = rows[0]!;

    expect(admin.api_key).toBe(ADMIN_API_KEY);
    expect(admin.secret_key).not.toContain(ADMIN_SECRET_KEY);
    expect(new SecretCipher(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')).decrypt(admin.secret_key)).toBe(ADMIN_SECRET_KEY);
    expect(admin.password).not.toBe('test-admin-password');
    expect(await verifyPassword('test-admin-password', admin.password)).toBe(true);
  });

  it('keeps the data and changes only the admin keys when started again', async () => {
    await query("UPDATE configuration SET value = 'true' WHERE name = 'backup.framework.enabled'");
    await server!.close();
    server = undefined;

    server = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: 'rotated-api-key',
      CSBR_ADMIN_SECRET_KEY: 'rotated-secret-key',
    });

    expect(await query('SELECT COUNT(*) AS n FROM domain')).toEqual([{ n: '1' }]);
    expect(await query('SELECT COUNT(*) AS n FROM account')).toEqual([{ n: '2' }]);
    expect(await query('SELECT COUNT(*) AS n FROM user')).toEqual([{ n: '2' }]);
    expect(await query("SELECT value FROM configuration WHERE name = 'backup.framework.enabled'")).toEqual([
      { value: 'true' },
    ]);
    expect(await query("SELECT api_key FROM user WHERE username = 'admin'")).toEqual([{ api_key: 'rotated-api-key' }]);
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});

describe('server boot on the embedded database', () => {
  let dataDir: ReturnType<typeof createTempDir>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dataDir = createTempDir();
    server = await startTestServer({ CSBR_DATA_DIR: dataDir.path });
  });

  afterAll(async () => {
    await server?.close();
    dataDir.remove();
  });

  it('starts without DATABASE_URL on sql.js in CSBR_DATA_DIR and answers /health', async () => {
    const response = await fetch(`${server!.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
    expect(existsSync(join(dataDir.path, 'csbr.sqlite'))).toBe(true);
  });

  it('creates the admin user there too', async () => {
    const users = await server!.app.get(DataSource).query("SELECT id, username FROM user WHERE username = 'admin'");

    expect(users).toEqual([{ id: 2, username: 'admin' }]);
  });

  it('keeps its data in the file across restarts', async () => {
    await server!.close();
    server = undefined;

    server = await startTestServer({ CSBR_DATA_DIR: dataDir.path });

    const users = await server.app.get(DataSource).query('SELECT username FROM user ORDER BY id');
    expect(users).toEqual([{ username: 'system' }, { username: 'admin' }]);
  });

  it('answers 503 with the database down, and no error details, once the database is gone', async () => {
    await server!.app.get(DataSource).destroy();

    const response = await fetch(`${server!.url}/health`);

    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"status":"error","database":"down"}');
  });
});
