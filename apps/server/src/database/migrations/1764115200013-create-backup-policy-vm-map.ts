import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** `backup_policy_vm_map`: at most one policy per VM, enforced by UNIQUE(vm_id). */
export class CreateBackupPolicyVmMap1764115200013 implements MigrationInterface {
  name = 'CreateBackupPolicyVmMap1764115200013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backup_policy_vm_map',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('policy_id'),
          bigintColumn('vm_id'),
          bigintColumn('zone_id'),
          datetimeColumn('created'),
        ],
        uniques: [new TableUnique({ name: 'uq_backup_policy_vm_map__vm_id', columnNames: ['vm_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_backup_policy_vm_map__policy_id',
            columnNames: ['policy_id'],
            referencedTableName: 'backup_policy',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_backup_policy_vm_map__vm_id',
            columnNames: ['vm_id'],
            referencedTableName: 'vm_instance',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_backup_policy_vm_map__zone_id',
            columnNames: ['zone_id'],
            referencedTableName: 'data_center',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('backup_policy_vm_map');
  }
}
