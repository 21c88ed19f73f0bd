import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

import { keyFromDataDir, keyFromSetting } from './encryption-key';
import { InvalidEnvironmentError } from './invalid-environment.error';
import {
  type AdminSettings,
  type DatabaseSettings,
  LOG_LEVELS,
  DEFAULT_OPERATIONS_SETTINGS,
  type LogFormat,
  type OperationsSettings,
  type RequestLimitSettings,
  type ServerConfig,
  type ServerLogLevel,
} from './server-config';

/** The process environment, or a stand-in for it (tests pass their own). */
export type Environment = Readonly<Record<string, string | undefined>>;

export const EMBEDDED_DATABASE_FILE = 'csbr.sqlite';
const DEFAULT_PORT = 8080;
/**
 * `apps/server/data`, next to the server's own files whatever the working directory (this file is
 * `src/config/env.ts` or `dist/config/env.js`): starting from another folder must not silently
 * create a second database.
 */
export const DEFAULT_DATA_DIR = resolve(__dirname, '../../data');
/** How long the server waits for its database at start when `CSBR_DATABASE_WAIT_SECONDS` is not set. */
const DEFAULT_DATABASE_WAIT_SECONDS = 60;
/** CloudStack's initial admin password. */
const DEFAULT_ADMIN_PASSWORD = 'password';

/**
 * Reads and validates the process settings. This module is the only reader of `process.env`.
 * Reports every problem at once ({@link InvalidEnvironmentError}). Creates the data directory and,
 * when `CSBR_ENCRYPTION_KEY` is not set, a generated key file in it.
 */
export function loadServerConfig(env: Environment = process.env): ServerConfig {
  const problems: string[] = [];
  const warnings: string[] = [];

  const dataDir = resolve(setting(env, 'CSBR_DATA_DIR') ?? DEFAULT_DATA_DIR);
  const database = parseDatabase(env, dataDir, problems);
  const port = parsePort(env, problems);
  const host = parseHost(env, problems);
  const logLevel = parseLogLevel(env, problems);
  const logFormat = parseLogFormat(env, problems);
  const syncEnabled = parseBoolean(env, 'CSBR_SYNC_ENABLED', true, problems);
  const scheduler = {
    enabled: parseBoolean(env, 'CSBR_SCHEDULER_ENABLED', true, problems),
    // Due schedules start within one tick; 30 s keeps every start within CloudStack's minute.
    tickMs: parseInteger(env, 'CSBR_SCHEDULER_TICK_MS', { fallback: 30_000, min: 100, max: 60_000 }, problems),
  };
  const jobs = parseJobSettings(env, problems);
  const requestLimits = parseRequestLimits(env, problems);
  const cluster = parseClusterSettings(env, dataDir, problems);
  const admin = parseAdmin(env, problems);
  const databaseWaitMs =
    parseInteger(env, 'CSBR_DATABASE_WAIT_SECONDS', { fallback: DEFAULT_DATABASE_WAIT_SECONDS, min: 0, max: 86_400 }, problems) * 1000;
  const operations = parseOperationsSettings(env, problems);
  const pluginDir = parsePluginDir(env, warnings);
  const keySetting = setting(env, 'CSBR_ENCRYPTION_KEY');

  if (problems.length > 0) throw new InvalidEnvironmentError(problems);

  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new InvalidEnvironmentError([`CSBR_DATA_DIR "${dataDir}" cannot be created: ${String(error)}`]);
  }
  let encryptionKey: Buffer;
  if (keySetting !== undefined) {
    encryptionKey = keyFromSetting(keySetting);
  } else {
    const stored = keyFromDataDir(dataDir);
    encryptionKey = stored.key;
    if (stored.generated) {
      warnings.push(
        `CSBR_ENCRYPTION_KEY is not set: generated an encryption key in ${stored.file}. Keep that file ` +
          'with the database (secrets cannot be decrypted without it), or set CSBR_ENCRYPTION_KEY.',
      );
    } else {
      warnings.push(`CSBR_ENCRYPTION_KEY is not set: using the key in ${stored.file}.`);
    }
  }

  return {
    port,
    ...(host === undefined ? {} : { host }),
    database,
    databaseWaitMs,
    dataDir,
    encryptionKey,
    ...(pluginDir === undefined ? {} : { pluginDir }),
    admin,
    logLevel,
    logFormat,
    syncEnabled,
    scheduler,
    jobs,
    requestLimits,
    cluster,
    operations,
    warnings,
  };
}

/** The provider check's and webhook delivery's settings, in whole seconds (attempts for the bound). */
function parseOperationsSettings(env: Environment, problems: string[]): OperationsSettings {
  const seconds = (name: string, fallbackMs: number, min: number, max: number): number =>
    parseInteger(env, name, { fallback: fallbackMs / 1000, min, max }, problems) * 1000;
  const defaults = DEFAULT_OPERATIONS_SETTINGS;
  return {
    providerCheckIntervalMs: seconds('CSBR_PROVIDER_CHECK_INTERVAL_SECONDS', defaults.providerCheckIntervalMs, 0, 86_400),
    providerCheckTimeoutMs: seconds('CSBR_PROVIDER_CHECK_TIMEOUT_SECONDS', defaults.providerCheckTimeoutMs, 1, 600),
    notificationPollMs: seconds('CSBR_NOTIFICATION_POLL_SECONDS', defaults.notificationPollMs, 1, 3600),
    notificationRetryBaseMs: seconds('CSBR_NOTIFICATION_RETRY_SECONDS', defaults.notificationRetryBaseMs, 1, 3600),
    notificationMaxAttempts: parseInteger(
      env,
      'CSBR_NOTIFICATION_MAX_ATTEMPTS',
      { fallback: defaults.notificationMaxAttempts, min: 1, max: 100 },
      problems,
    ),
  };
}

/** Only the database settings, for TypeORM's CLI (no files are created). */
export function loadDatabaseSettings(env: Environment = process.env): DatabaseSettings {
  const problems: string[] = [];
  const dataDir = resolve(setting(env, 'CSBR_DATA_DIR') ?? DEFAULT_DATA_DIR);
  const database = parseDatabase(env, dataDir, problems);
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return database;
}

/** An empty variable counts as unset (as `FOO= node ...` would otherwise be surprising). */
function setting(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseDatabase(env: Environment, dataDir: string, problems: string[]): DatabaseSettings {
  const url = setting(env, 'DATABASE_URL');
  if (url === undefined) return { kind: 'embedded', file: join(dataDir, EMBEDDED_DATABASE_FILE) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push('DATABASE_URL is not a URL (expected mysql://user:password@host:3306/database)');
    return { kind: 'mysql', url };
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    problems.push(`DATABASE_URL must start with mysql:// (got ${parsed.protocol}//)`);
  } else if (parsed.pathname.replace(/^\//, '') === '') {
    problems.push('DATABASE_URL must name a database (mysql://user:password@host:3306/database)');
  }
  // mysql2 understands mysql:// only; mariadb:// is accepted as a synonym.
  parsed.protocol = 'mysql:';
  const poolSize = parseInteger(env, 'CSBR_DB_POOL_SIZE', { fallback: 10, min: 1, max: 1000 }, problems);
  return { kind: 'mysql', url: parsed.toString(), poolSize };
}

function parseJobSettings(env: Environment, problems: string[]): ServerConfig['jobs'] {
  return {
    workers: parseInteger(env, 'CSBR_JOB_WORKERS', { fallback: 16, min: 1, max: 1000 }, problems),
    pollIntervalMs: parseInteger(env, 'CSBR_JOB_POLL_INTERVAL_MS', { fallback: 1000, min: 10, max: 60_000 }, problems),
    shutdownGraceMs:
      parseInteger(env, 'CSBR_SHUTDOWN_GRACE_SECONDS', { fallback: 30, min: 0, max: 3600 }, problems) * 1000,
  };
}

/** The API's request limits; a value may not be larger than a whole request. */
function parseRequestLimits(env: Environment, problems: string[]): RequestLimitSettings {
  const maxRequestBytes = parseInteger(
    env,
    'CSBR_API_MAX_REQUEST_BYTES',
    { fallback: 64 * 1024, min: 8 * 1024, max: 64 * 1024 * 1024 },
    problems,
  );
  const maxValueBytes = parseInteger(
    env,
    'CSBR_API_MAX_VALUE_BYTES',
    { fallback: Math.min(16 * 1024, maxRequestBytes), min: 1024, max: maxRequestBytes },
    problems,
  );
  const maxParameters = parseInteger(env, 'CSBR_API_MAX_PARAMETERS', { fallback: 256, min: 16, max: 10_000 }, problems);
  return { maxRequestBytes, maxValueBytes, maxParameters };
}

function parseClusterSettings(env: Environment, dataDir: string, problems: string[]): ServerConfig['cluster'] {
  const heartbeatIntervalMs = parseInteger(env, 'CSBR_HEARTBEAT_INTERVAL_MS', { fallback: 5000, min: 500, max: 300_000 }, problems);
  const heartbeatTimeoutMs = parseInteger(
    env,
    'CSBR_HEARTBEAT_TIMEOUT_MS',
    { fallback: 3 * heartbeatIntervalMs, min: 2500, max: 3_600_000 },
    problems,
  );
  // mshost.last_update and op_lease.expires are datetime columns, which keep whole seconds.
  if (heartbeatTimeoutMs < heartbeatIntervalMs + 2000) {
    problems.push(
      `CSBR_HEARTBEAT_TIMEOUT_MS (${heartbeatTimeoutMs}) must be at least CSBR_HEARTBEAT_INTERVAL_MS ` +
        `(${heartbeatIntervalMs}) plus 2000, since heartbeats are stored to the second`,
    );
  }
  const id = setting(env, 'CSBR_MANAGEMENT_SERVER_ID');
  let managementServerId = defaultManagementServerId(hostname(), dataDir);
  if (id !== undefined) {
    if (/^\d{1,15}$/.test(id) && Number(id) > 0) managementServerId = String(Number(id));
    else problems.push(`CSBR_MANAGEMENT_SERVER_ID must be a whole number from 1 to 999999999999999 (got "${id}")`);
  }
  return { managementServerId, heartbeatIntervalMs, heartbeatTimeoutMs };
}

/**
 * A management server id that stays the same across restarts of one instance, whatever its port:
 * the first 48 bits of SHA-256 of the host name and the data folder, so it is a safe integer and
 * fits `mshost.msid`. Two instances on one host differ by data folder; containers whose host name
 * changes should set `CSBR_MANAGEMENT_SERVER_ID`.
 */
export function defaultManagementServerId(host: string, dataDir: string): string {
  return String(createHash('sha256').update(`${host}\0${dataDir}`).digest().readUIntBE(0, 6) || 1);
}

/** A whole number within `min`..`max`, or `fallback` when unset. */
function parseInteger(
  env: Environment,
  name: string,
  range: { readonly fallback: number; readonly min: number; readonly max: number },
  problems: string[],
): number {
  const value = setting(env, name);
  if (value === undefined) return range.fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
    problems.push(`${name} must be a whole number from ${range.min} to ${range.max} (got "${value}")`);
    return range.fallback;
  }
  return number;
}

function parsePort(env: Environment, problems: string[]): number {
  const value = setting(env, 'PORT');
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    problems.push(`PORT must be a port number between 0 and 65535 (got "${value}")`);
    return DEFAULT_PORT;
  }
  return port;
}

/**
 * `HOST`: the address to listen on (an IPv4 or IPv6 address or a host name); every interface when
 * unset, as CloudStack's management server does.
 */
function parseHost(env: Environment, problems: string[]): string | undefined {
  const value = setting(env, 'HOST');
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9.:%_-]+$/.test(value) && !/^\[[0-9A-Fa-f:.]+\]$/.test(value)) {
    problems.push(`HOST must be an IP address or a host name to listen on (got "${value}")`);
    return undefined;
  }
  // `[::1]` as written in URLs is `::1` to Node.
  return value.replace(/^\[(.*)\]$/, '$1');
}

/** `CSBR_LOG_FORMAT`: `json` lines, or `pretty` for people; by default pretty on a terminal only. */
function parseLogFormat(env: Environment, problems: string[]): LogFormat | undefined {
  const value = setting(env, 'CSBR_LOG_FORMAT')?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'json' || value === 'pretty') return value;
  problems.push(`CSBR_LOG_FORMAT must be json or pretty (got "${value}")`);
  return undefined;
}

function parseLogLevel(env: Environment, problems: string[]): ServerLogLevel {
  const value = setting(env, 'CSBR_LOG_LEVEL')?.toLowerCase();
  if (value === undefined) return 'info';
  const level = value === 'log' ? 'info' : value;
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as ServerLogLevel;
  problems.push(`CSBR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${value}")`);
  return 'info';
}

function parseBoolean(env: Environment, name: string, fallback: boolean, problems: string[]): boolean {
  const value = setting(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  problems.push(`${name} must be true or false (got "${value}")`);
  return fallback;
}

function parseAdmin(env: Environment, problems: string[]): AdminSettings {
  const password = setting(env, 'CSBR_ADMIN_PASSWORD');
  const apiKey = setting(env, 'CSBR_ADMIN_API_KEY');
  const secretKey = setting(env, 'CSBR_ADMIN_SECRET_KEY');
  if ((apiKey === undefined) !== (secretKey === undefined)) {
    problems.push('CSBR_ADMIN_API_KEY and CSBR_ADMIN_SECRET_KEY must be set together');
  }
  return {
    password: password ?? DEFAULT_ADMIN_PASSWORD,
    passwordDefaulted: password === undefined,
    ...(apiKey !== undefined && secretKey !== undefined ? { apiKey, secretKey } : {}),
  };
}

function parsePluginDir(env: Environment, warnings: string[]): string | undefined {
  const value = setting(env, 'CSBR_PLUGIN_DIR');
  if (value === undefined) return undefined;
  const dir = resolve(value);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  // Not fatal: a missing plugin folder only means no extra providers (discovery never stops boot).
  if (!isDirectory) warnings.push(`CSBR_PLUGIN_DIR "${dir}" is not a directory; no plugin-folder providers are loaded.`);
  return dir;
}
