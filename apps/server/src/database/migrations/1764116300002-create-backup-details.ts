import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';

import { bigintColumn, flagColumn, idColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * CloudStack 4.21's `backup_details` (unchanged in 4.22): name/value details of a backup, e.g. the
 * VM details recorded when it was taken (`listBackups listvmdetails=true`). The foreign key is
 * CloudStack's: a backup's details go with it.
 */
export class CreateBackupDetails1764116300002 implements MigrationInterface {
  name = 'CreateBackupDetails1764116300002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backup_details',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('backup_id'),
          varcharColumn('name', 255),
          { ...textColumn('value'), isNullable: false },
          flagColumn('display', 1),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_backup_details__backup_id',
            columnNames: ['backup_id'],
            referencedTableName: 'backups',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('backup_details');
  }
}
