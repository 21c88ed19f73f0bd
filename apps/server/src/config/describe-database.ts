import { type DatabaseSettings } from './server-config';

/** A log-safe description of the database: never the password of `DATABASE_URL`. */
export function describeDatabase(database: DatabaseSettings): string {
  if (database.kind === 'embedded') {
    return `embedded sql.js database ${database.file} (for trying csbr only: not for production)`;
  }
  const url = new URL(database.url);
  const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
  return `MySQL/MariaDB ${user}${url.host}${url.pathname}`;
}
