import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `backup_policy.user_driven_backup`: CloudStack's `backup_offering.user_driven_backup`
 * (`tinyint(1) unsigned NOT NULL DEFAULT 0`), set by `importBackupOffering allowuserdrivenbackups=`
 * and `updateBackupOffering`. Policies imported before this column existed came from the policy era,
 * which let users take ad-hoc backups: they keep doing so (1). Plain SQL:
 * TypeORM's `addColumn` reads the table's generated-column metadata, which csbr does not keep.
 */
export class AddBackupPolicyUserDrivenBackup1764115400001 implements MigrationInterface {
  name = 'AddBackupPolicyUserDrivenBackup1764115400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite (the embedded database) knows no `unsigned`.
    const type = queryRunner.connection.options.type === 'sqljs' ? 'tinyint(1)' : 'tinyint(1) unsigned';
    await queryRunner.query(
      `ALTER TABLE backup_policy ADD COLUMN user_driven_backup ${type} NOT NULL DEFAULT 0`,
    );
    await queryRunner.query('UPDATE backup_policy SET user_driven_backup = 1');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE backup_policy DROP COLUMN user_driven_backup');
  }
}
