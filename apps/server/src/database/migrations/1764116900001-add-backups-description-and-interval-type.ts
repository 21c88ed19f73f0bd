import { type MigrationInterface, type QueryRunner } from 'typeorm';

import { isMysqlFamily } from './support/dialect';

/**
 * CloudStack 4.21's `backups.description` varchar(1024) NULL (what `createBackup description=` was
 * given) and `backups.backup_interval_type` int(5) NULL (how the backup was taken: the ordinal of
 * CloudStack's `Backup.Type`, MANUAL 0, HOURLY 1, DAILY 2, WEEKLY 3, MONTHLY 4), in CloudStack
 * 4.22's column order after `name`. Rows written before stay NULL: no description, and no interval
 * type, as CloudStack leaves the backups it recorded before 4.21. Plain DDL: TypeORM's column API
 * re-reads the table's generated column (active_marker) from a metadata table csbr does not keep.
 */
export class AddBackupsDescriptionAndIntervalType1764116900001 implements MigrationInterface {
  name = 'AddBackupsDescriptionAndIntervalType1764116900001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) {
      await queryRunner.query(
        'ALTER TABLE `backups` ADD COLUMN `description` varchar(1024) NULL DEFAULT NULL AFTER `name`, ' +
          'ADD COLUMN `backup_interval_type` int(5) NULL DEFAULT NULL AFTER `description`',
      );
      return;
    }
    await queryRunner.query('ALTER TABLE backups ADD COLUMN description varchar(1024) NULL DEFAULT NULL');
    await queryRunner.query('ALTER TABLE backups ADD COLUMN backup_interval_type integer NULL DEFAULT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) {
      await queryRunner.query('ALTER TABLE `backups` DROP COLUMN `backup_interval_type`, DROP COLUMN `description`');
      return;
    }
    await queryRunner.query('ALTER TABLE backups DROP COLUMN backup_interval_type');
    await queryRunner.query('ALTER TABLE backups DROP COLUMN description');
  }
}
