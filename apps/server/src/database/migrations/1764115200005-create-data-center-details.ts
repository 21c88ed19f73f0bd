import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableUnique } from 'typeorm';

import { bigintColumn, flagColumn, idColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `data_center_details`: zone-scoped configuration values, one per (zone, key). */
export class CreateDataCenterDetails1764115200005 implements MigrationInterface {
  name = 'CreateDataCenterDetails1764115200005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'data_center_details',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('dc_id'),
          varcharColumn('name', 255),
          varcharColumn('value', 1024),
          flagColumn('display', 1),
        ],
        uniques: [new TableUnique({ name: 'uq_data_center_details__dc_id__name', columnNames: ['dc_id', 'name'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_dc_details__dc_id',
            columnNames: ['dc_id'],
            referencedTableName: 'data_center',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('data_center_details');
  }
}
