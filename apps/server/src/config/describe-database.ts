import { type DatabaseSettings } from './server-config';

/** A log-safe description of the database: never the password of `DATABASE_URL`. */
export function describeDatabase(database: DatabaseSettings): string {
  if (database.kind === 'embedded') {
    const where = database.file ?? 'in memory';
    return `embedded sql.js database ${where} (for trying csbr only: not for production)`;
  }
  const url = new URL(database.url);
  const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
  return `MySQL/MariaDB ${user}${url.host}${url.pathname}`;
}

/** `DATABASE_URL` as it can be logged: the password replaced by `****`. */
export function maskedDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (parsed.password !== '') parsed.password = '****';
  return parsed.toString();
}
