import { type QueryRunner } from 'typeorm';

/**
 * Whether the migration runs on MySQL/MariaDB (the production engines) rather than the embedded
 * sql.js database. Migrations branch on it only where the engines cannot share DDL.
 */
export function isMysqlFamily(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}
