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
