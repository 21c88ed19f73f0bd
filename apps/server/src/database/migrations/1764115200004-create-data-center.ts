import { type MigrationInterface, type QueryRunner, Table, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, uuidColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `data_center` (zones). */
export class CreateDataCenter1764115200004 implements MigrationInterface {
  name = 'CreateDataCenter1764115200004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'data_center',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('name', 255, { nullable: true }),
          uuidColumn(),
          varcharColumn('description', 255, { nullable: true }),
          varcharColumn('dns1', 255),
          varcharColumn('internal_dns1', 255),
          varcharColumn('networktype', 255, { default: "'Advanced'" }),
          varcharColumn('allocation_state', 32, { default: "'Enabled'" }),
          bigintColumn('domain_id', { nullable: true }),
          varcharColumn('zone_token', 255, { nullable: true }),
          datetimeColumn('created'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_data_center__uuid', columnNames: ['uuid'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('data_center');
  }
}
