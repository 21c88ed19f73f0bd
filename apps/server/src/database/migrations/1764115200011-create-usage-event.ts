import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `usage_event`, read by the usage server. */
export class CreateUsageEvent1764115200011 implements MigrationInterface {
  name = 'CreateUsageEvent1764115200011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'usage_event',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('type', 32),
          bigintColumn('account_id'),
          datetimeColumn('created', { nullable: false }),
          bigintColumn('zone_id'),
          bigintColumn('resource_id', { nullable: true }),
          varcharColumn('resource_name', 255, { nullable: true }),
          bigintColumn('offering_id', { nullable: true }),
          bigintColumn('template_id', { nullable: true }),
          bigintColumn('size', { nullable: true }),
          varcharColumn('resource_type', 32, { nullable: true }),
          { name: 'processed', type: 'tinyint', isNullable: false, default: '0' },
          bigintColumn('virtual_size', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'i_usage_event__created', columnNames: ['created'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('usage_event');
  }
}
