import { type DataSource } from 'typeorm';

/** Concatenation of SQL expressions: `CONCAT(...)` on MySQL/MariaDB, `||` on the embedded SQLite. */
export function sqlConcat(dataSource: DataSource, ...parts: readonly string[]): string {
  return dataSource.options.type === 'sqljs' ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`;
}

/** Whether row locks (`SELECT … FOR UPDATE`) exist; the embedded database runs transactions one at a time. */
export function supportsRowLocks(dataSource: DataSource): boolean {
  return dataSource.options.type !== 'sqljs';
}

/** `?, ?, …` for `count` positional parameters (both drivers take `?`). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
