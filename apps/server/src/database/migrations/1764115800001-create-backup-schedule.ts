import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, varcharColumn } from './support/columns';
import { isMysqlFamily } from './support/dialect';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * CloudStack 4.22 `backup_schedule` (several schedules per VM, one per interval type), and the
 * 4.22 column `backups.backup_schedule_id` that tells which schedule took a backup (retention).
 * csbr adds one index: UNIQUE (vm_id, schedule_type), so two concurrent creates of the same
 * interval type cannot both insert.
 */
export class CreateBackupSchedule1764115800001 implements MigrationInterface {
  name = 'CreateBackupSchedule1764115800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backup_schedule',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('vm_id'),
          { name: 'schedule_type', type: 'int', width: 4, isNullable: true },
          varcharColumn('schedule', 100, { nullable: true }),
          varcharColumn('timezone', 100, { nullable: true }),
          datetimeColumn('scheduled_timestamp'),
          bigintColumn('async_job_id', { nullable: true }),
          { name: 'max_backups', type: 'int', width: 8, unsigned: true, isNullable: false, default: '0' },
          { name: 'quiescevm', type: 'tinyint', width: 1, isNullable: true },
          varcharColumn('uuid', 40),
          bigintColumn('domain_id', { nullable: true, unsigned: false }),
          bigintColumn('account_id', { nullable: true, unsigned: false }),
        ],
        indices: [
          new TableIndex({ name: 'uq_backup_schedule__vm_id__schedule_type', columnNames: ['vm_id', 'schedule_type'], isUnique: true }),
          new TableIndex({ name: 'i_backup_schedule__scheduled_timestamp', columnNames: ['scheduled_timestamp'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_backup_schedule__vm_id',
            columnNames: ['vm_id'],
            referencedTableName: 'vm_instance',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    // Plain DDL: TypeORM's addColumn re-reads the table's generated column (active_marker) from a
    // metadata table csbr does not keep.
    const type = isMysqlFamily(queryRunner) ? 'bigint unsigned' : 'bigint';
    await queryRunner.query(`ALTER TABLE backups ADD COLUMN backup_schedule_id ${type} NULL DEFAULT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE backups DROP COLUMN backup_schedule_id');
    await queryRunner.dropTable('backup_schedule');
  }
}
