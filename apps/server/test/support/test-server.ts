import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type RunningServer, startServer } from '../../src/bootstrap/create-app';
import { type Environment, loadServerConfig } from '../../src/config/env';
import { type ServerConfig } from '../../src/config/server-config';

/** A base64 32-byte key, so tests never write a generated key file. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** Settings for a test server: port 0, quiet logs, a fixed key, plus what the test adds. */
export function testConfig(env: Environment): ServerConfig {
  return loadServerConfig({
    PORT: '0',
    CSBR_LOG_LEVEL: 'error',
    CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CSBR_ADMIN_PASSWORD: 'test-admin-password',
    CSBR_SYNC_ENABLED: 'false',
    ...env,
  });
}

/** Starts the whole server over real HTTP on a free port. Close it in `afterAll`. */
export function startTestServer(env: Environment): Promise<RunningServer> {
  return startServer(testConfig(env));
}

/** A temporary directory, for `CSBR_DATA_DIR`. */
export function createTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'csbr-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
