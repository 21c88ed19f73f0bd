import { setTimeout as sleep } from 'node:timers/promises';

import { createConnection } from 'mysql2/promise';

import { maskedDatabaseUrl } from '../config/describe-database';
import { type DatabaseSettings } from '../config/server-config';

/** Where the wait reports (the server's logger; tests pass their own). */
export interface DatabaseWaitLog {
  warn(message: string): void;
}

/** The database did not answer within `CSBR_DATABASE_WAIT_SECONDS`: one line that says why. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** First pause between attempts; it doubles up to {@link MAX_DELAY_MS}. */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** One attempt may not hang longer than this (a host that drops packets). */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects once to a MySQL/MariaDB `DATABASE_URL` before the server boots, retrying with backoff
 * for `waitMs`, since databases often start after the services that use them. Each failure is one
 * line naming `DATABASE_URL` (password masked) and the cause; no stack trace. The embedded database
 * needs no wait. Throws {@link DatabaseUnavailableError} when time is up.
 */
export async function waitForDatabase(database: DatabaseSettings, waitMs: number, log: DatabaseWaitLog): Promise<void> {
  if (database.kind !== 'mysql') return;
  const where = `DATABASE_URL=${maskedDatabaseUrl(database.url)}`;
  const deadline = Date.now() + waitMs;
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt += 1) {
    const cause = await tryConnect(database.url);
    if (cause === undefined) return;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new DatabaseUnavailableError(
        `Cannot connect to the database at ${where}: ${cause}. Gave up after ${attempt} attempt${attempt === 1 ? '' : 's'} ` +
          `in ${Math.round((waitMs + Date.now() - deadline) / 1000)} s (CSBR_DATABASE_WAIT_SECONDS=${waitMs / 1000}).`,
      );
    }
    const pause = Math.min(delay, left);
    log.warn(
      `Cannot connect to the database at ${where}: ${cause}. Attempt ${attempt}; retrying in ` +
        `${(pause / 1000).toFixed(1)} s, for ${Math.ceil(left / 1000)} s more (CSBR_DATABASE_WAIT_SECONDS).`,
    );
    await sleep(pause);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Undefined when a connection opened, otherwise why not, in words. */
async function tryConnect(url: string): Promise<string | undefined> {
  try {
    const connection = await createConnection({ uri: url, connectTimeout: CONNECT_TIMEOUT_MS });
    await connection.end();
    return undefined;
  } catch (error) {
    return describeConnectError(error);
  }
}

/** mysql2's and Node's error codes, as an operator reads them. */
export function describeConnectError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the database running, and on that host and port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
      return 'no answer (timed out)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ER_ACCESS_DENIED_ERROR':
      return 'access denied: wrong user name or password';
    case 'ER_BAD_DB_ERROR':
      return `${message.replace(/^Unknown database/, 'unknown database')} (create it, or fix the name in the URL)`;
    case 'ER_DBACCESS_DENIED_ERROR':
      return `the user may not use this database (${message})`;
    case undefined:
      return message;
    default:
      return `${message} (${code})`;
  }
}
