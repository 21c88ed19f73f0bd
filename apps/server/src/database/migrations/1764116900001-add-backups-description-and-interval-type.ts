import { type MigrationInterface, type QueryRunner } from 'typeorm';

import { isMysqlFamily } from './support/dialect';

/** The two columns, in CloudStack 4.22's order after `name`, with each engine's type. */
const COLUMNS = [
  { name: 'description', mysql: 'varchar(1024)', embedded: 'varchar(1024)' },
  { name: 'backup_interval_type', mysql: 'int(5)', embedded: 'integer' },
] as const;

/**
 * CloudStack 4.21's `backups.description` varchar(1024) NULL (what `createBackup description=` was
 * given) and `backups.backup_interval_type` int(5) NULL (how the backup was taken: the ordinal of
 * CloudStack's `Backup.Type`, MANUAL 0, HOURLY 1, DAILY 2, WEEKLY 3, MONTHLY 4). Rows written before
 * stay NULL: no description and no interval type, as CloudStack leaves the backups it recorded before
 * 4.21. Plain DDL, one column per statement on the embedded database (SQLite adds one at a time):
 * TypeORM's column API re-reads the table's generated column (active_marker) from a metadata table
 * csbr does not keep.
 */
export class AddBackupsDescriptionAndIntervalType1764116900001 implements MigrationInterface {
  name = 'AddBackupsDescriptionAndIntervalType1764116900001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = isMysqlFamily(queryRunner);
    const additions = COLUMNS.map((column) => `ADD COLUMN ${column.name} ${mysql ? column.mysql : column.embedded} NULL DEFAULT NULL`);
    for (const statement of mysql ? [additions.join(', ')] : additions) {
      await queryRunner.query(`ALTER TABLE backups ${statement}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const drops = [...COLUMNS].reverse().map((column) => `DROP COLUMN ${column.name}`);
    for (const statement of isMysqlFamily(queryRunner) ? [drops.join(', ')] : drops) {
      await queryRunner.query(`ALTER TABLE backups ${statement}`);
    }
  }
}
