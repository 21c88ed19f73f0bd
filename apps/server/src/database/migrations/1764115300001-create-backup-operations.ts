import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * csbr's operational tables for long-running backup operations (CloudStack names its operational
 * tables `op_*`). `op_backup_operation` records an operation before its provider call and is
 * removed when its outcome is recorded; `op_backup_vm_guard` holds one row per VM an operation
 * works on, and its primary key is the guard "one backup operation per VM at a time", kept as data
 * instead of a row lock held across the provider call.
 */
export class CreateBackupOperations1764115300001 implements MigrationInterface {
  name = 'CreateBackupOperations1764115300001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'op_backup_operation',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('uuid', 40),
          varcharColumn('kind', 32),
          bigintColumn('policy_id', { nullable: true }),
          bigintColumn('backup_id', { nullable: true }),
          varcharColumn('job_uuid', 40, { nullable: true }),
          bigintColumn('owner_msid'),
          varcharColumn('state', 16),
          textColumn('payload'),
          textColumn('result'),
          datetimeColumn('created', { nullable: false }),
          datetimeColumn('deadline', { nullable: false }),
        ],
        uniques: [new TableUnique({ name: 'uc_op_backup_operation__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_op_backup_operation__owner_msid', columnNames: ['owner_msid'] }),
          new TableIndex({ name: 'i_op_backup_operation__job_uuid', columnNames: ['job_uuid'] }),
          new TableIndex({ name: 'i_op_backup_operation__policy_id', columnNames: ['policy_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'op_backup_vm_guard',
        engine: INNODB_UTF8MB4,
        columns: [
          { ...bigintColumn('vm_id'), isPrimary: true },
          bigintColumn('operation_id'),
        ],
        indices: [new TableIndex({ name: 'i_op_backup_vm_guard__operation_id', columnNames: ['operation_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_op_backup_vm_guard__operation_id',
            columnNames: ['operation_id'],
            referencedTableName: 'op_backup_operation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_op_backup_vm_guard__vm_id',
            columnNames: ['vm_id'],
            referencedTableName: 'vm_instance',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('op_backup_vm_guard');
    await queryRunner.dropTable('op_backup_operation');
  }
}
