import { type MigrationInterface, type QueryRunner } from 'typeorm';

import { isMysqlFamily } from './support/dialect';

/**
 * `backups.policy_id` and `backups.volumes` take CloudStack's names, `backup_offering_id` (NOT NULL,
 * CloudStack 4.14) and `backed_volumes` (CloudStack 4.20): the same data (the policy is the
 * offering under the policy design's name; the volumes are the ones the backup holds), so a
 * `backups` row csbr writes is a valid row of CloudStack 4.22's table. Plain DDL: TypeORM's column
 * API re-reads the table's generated column (active_marker) from a metadata table csbr does not keep.
 */
export class RenameBackupsColumnsToCloudStack1764116300003 implements MigrationInterface {
  name = 'RenameBackupsColumnsToCloudStack1764116300003';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) {
      await queryRunner.query(
        'ALTER TABLE `backups` CHANGE `policy_id` `backup_offering_id` bigint unsigned NOT NULL, ' +
          'CHANGE `volumes` `backed_volumes` text NULL DEFAULT NULL',
      );
      return;
    }
    await queryRunner.query('ALTER TABLE backups RENAME COLUMN policy_id TO backup_offering_id');
    await queryRunner.query('ALTER TABLE backups RENAME COLUMN volumes TO backed_volumes');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) {
      await queryRunner.query(
        'ALTER TABLE `backups` CHANGE `backup_offering_id` `policy_id` bigint unsigned NOT NULL, ' +
          'CHANGE `backed_volumes` `volumes` text NULL DEFAULT NULL',
      );
      return;
    }
    await queryRunner.query('ALTER TABLE backups RENAME COLUMN backup_offering_id TO policy_id');
    await queryRunner.query('ALTER TABLE backups RENAME COLUMN backed_volumes TO volumes');
  }
}
