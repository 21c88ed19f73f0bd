import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadServerConfig } from './env';
import { InvalidEnvironmentError } from './invalid-environment.error';

describe('loadServerConfig', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'csbr-env-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('defaults to the embedded database in the data directory, port 8080, sync on', () => {
    const config = loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'a passphrase' });

    expect(config.database).toEqual({ kind: 'embedded', file: join(dataDir, 'csbr.sqlite') });
    expect(config.port).toBe(8080);
    expect(config.syncEnabled).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.pluginDir).toBeUndefined();
  });

  it('uses DATABASE_URL for MySQL', () => {
    const config = loadServerConfig({
      CSBR_DATA_DIR: dataDir,
      CSBR_ENCRYPTION_KEY: 'x',
      DATABASE_URL: 'mysql://cloud:s3cret@db:3306/cloud',
    });

    expect(config.database).toEqual({ kind: 'mysql', url: 'mysql://cloud:s3cret@db:3306/cloud', poolSize: 10 });
  });

  it('reports every problem at once', () => {
    const load = (): unknown =>
      loadServerConfig({
        CSBR_DATA_DIR: dataDir,
        DATABASE_URL: 'postgres://db/cloud',
        PORT: 'eighty',
        CSBR_LOG_LEVEL: 'loud',
        CSBR_SYNC_ENABLED: 'maybe',
        CSBR_ADMIN_API_KEY: 'only-the-api-key',
        HOST: 'my host',
        CSBR_LOG_FORMAT: 'xml',
        CSBR_DATABASE_WAIT_SECONDS: 'forever',
      });

    expect(load).toThrow(InvalidEnvironmentError);
    try {
      load();
    } catch (error) {
      expect((error as InvalidEnvironmentError).problems).toEqual([
        'DATABASE_URL must start with mysql:// (got postgres://)',
        'PORT must be a port number between 0 and 65535 (got "eighty")',
        'HOST must be an IP address or a host name to listen on (got "my host")',
        'CSBR_LOG_LEVEL must be one of fatal, error, warn, info, debug, verbose (got "loud")',
        'CSBR_LOG_FORMAT must be json or pretty (got "xml")',
        'CSBR_SYNC_ENABLED must be true or false (got "maybe")',
        'CSBR_ADMIN_API_KEY and CSBR_ADMIN_SECRET_KEY must be set together',
        'CSBR_DATABASE_WAIT_SECONDS must be a whole number from 0 to 86400 (got "forever")',
      ]);
    }
  });

  it('takes a base64 32-byte key as is and derives a key from any other value', () => {
    const raw = Buffer.alloc(32, 3);

    const fromBase64 = loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: raw.toString('base64') });
    const fromPassphrase = loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'correct horse' });
    const again = loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'correct horse' });

    expect(fromBase64.encryptionKey.equals(raw)).toBe(true);
    expect(fromPassphrase.encryptionKey).toHaveLength(32);
    expect(fromPassphrase.encryptionKey.equals(again.encryptionKey)).toBe(true);
    expect(existsSync(join(dataDir, 'encryption.key'))).toBe(false);
  });

  it('generates a key file readable only by its owner when no key is set, and reuses it', () => {
    const first = loadServerConfig({ CSBR_DATA_DIR: dataDir });
    const second = loadServerConfig({ CSBR_DATA_DIR: dataDir });
    const file = join(dataDir, 'encryption.key');

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.encryptionKey)).toBe(true);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(first.warnings.some((warning) => warning.includes('generated an encryption key'))).toBe(true);
  });

  it("defaults the admin password to CloudStack's and warns about it", () => {
    const config = loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'x' });

    expect(config.admin).toEqual({ password: 'password', passwordDefaulted: true });
    expect(config.warnings.some((warning) => warning.includes('CSBR_ADMIN_PASSWORD'))).toBe(false);
  });

  it('takes the admin credentials, port, log level and flags from the environment', () => {
    const config = loadServerConfig({
      CSBR_DATA_DIR: dataDir,
      CSBR_ENCRYPTION_KEY: 'x',
      CSBR_ADMIN_PASSWORD: 'pw',
      CSBR_ADMIN_API_KEY: 'api',
      CSBR_ADMIN_SECRET_KEY: 'secret',
      PORT: '0',
      CSBR_LOG_LEVEL: 'DEBUG',
      CSBR_SYNC_ENABLED: 'false',
      CSBR_PLUGIN_DIR: dataDir,
    });

    expect(config.admin).toEqual({ password: 'pw', passwordDefaulted: false, apiKey: 'api', secretKey: 'secret' });
    expect(config.port).toBe(0);
    expect(config.logLevel).toBe('debug');
    expect(config.syncEnabled).toBe(false);
    expect(config.pluginDir).toBe(dataDir);
    expect(config.warnings).toEqual([]);
  });

  it('takes the listen address, log format and database wait; every interface, by terminal and 60 s by default', () => {
    const base = { CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'x' };
    const defaults = loadServerConfig(base);
    const set = loadServerConfig({ ...base, HOST: '[::1]', CSBR_LOG_FORMAT: 'JSON', CSBR_DATABASE_WAIT_SECONDS: '5' });

    expect([defaults.host, defaults.logFormat, defaults.databaseWaitMs]).toEqual([undefined, undefined, 60_000]);
    expect([set.host, set.logFormat, set.databaseWaitMs]).toEqual(['::1', 'json', 5000]);
    expect(loadServerConfig({ ...base, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('keeps the data next to the server when CSBR_DATA_DIR is not set, whatever the working directory', () => {
    const cwd = process.cwd();
    process.chdir(dataDir);
    try {
      expect(loadServerConfig({ CSBR_ENCRYPTION_KEY: 'x' }).dataDir).toBe(join(__dirname, '../../data'));
      expect(loadServerConfig({ CSBR_ENCRYPTION_KEY: 'x', CSBR_DATA_DIR: 'relative' }).dataDir).toBe(join(dataDir, 'relative'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('takes the API request limits, 64 KiB / 16 KiB / 256 by default', () => {
    const base = { CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'x' };
    expect(loadServerConfig(base).requestLimits).toEqual({ maxRequestBytes: 65536, maxValueBytes: 16384, maxParameters: 256 });
    expect(
      loadServerConfig({
        ...base,
        CSBR_API_MAX_REQUEST_BYTES: '1048576',
        CSBR_API_MAX_VALUE_BYTES: '65536',
        CSBR_API_MAX_PARAMETERS: '1000',
      }).requestLimits,
    ).toEqual({ maxRequestBytes: 1048576, maxValueBytes: 65536, maxParameters: 1000 });
  });

  it('refuses request limits out of range, and a value limit larger than the request limit', () => {
    const load = (): unknown =>
      loadServerConfig({
        CSBR_DATA_DIR: dataDir,
        CSBR_ENCRYPTION_KEY: 'x',
        CSBR_API_MAX_REQUEST_BYTES: '10000',
        CSBR_API_MAX_VALUE_BYTES: '20000',
        CSBR_API_MAX_PARAMETERS: '1e3',
      });
    expect(load).toThrow(InvalidEnvironmentError);
    try {
      load();
    } catch (error) {
      expect((error as InvalidEnvironmentError).problems).toEqual([
        'CSBR_API_MAX_VALUE_BYTES must be a whole number from 1024 to 10000 (got "20000")',
        'CSBR_API_MAX_PARAMETERS must be a whole number from 16 to 10000 (got "1e3")',
      ]);
    }
    expect(() =>
      loadServerConfig({ CSBR_DATA_DIR: dataDir, CSBR_ENCRYPTION_KEY: 'x', CSBR_API_MAX_REQUEST_BYTES: '4096' }),
    ).toThrow('CSBR_API_MAX_REQUEST_BYTES must be a whole number from 8192 to 67108864 (got "4096")');
  });

  it('refuses duration variables outside their range, so no timer gets an overflowing delay', () => {
    expect(() =>
      loadServerConfig({
        CSBR_DATA_DIR: dataDir,
        CSBR_ENCRYPTION_KEY: 'x',
        CSBR_JOB_POLL_INTERVAL_MS: '3000000000',
        CSBR_SHUTDOWN_GRACE_SECONDS: '99999999',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'CSBR_JOB_POLL_INTERVAL_MS must be a whole number from 10 to 60000 (got "3000000000")',
          'CSBR_SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600 (got "99999999")',
        ],
      }),
    );
  });
});
