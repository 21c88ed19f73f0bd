import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

import { datetimeColumn, flagColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `configuration`: global values of configuration keys, keyed by name. */
export class CreateConfiguration1764115200006 implements MigrationInterface {
  name = 'CreateConfiguration1764115200006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'configuration',
        engine: INNODB_UTF8MB4,
        columns: [
          varcharColumn('category', 255, { default: "'Advanced'" }),
          varcharColumn('instance', 255),
          varcharColumn('component', 255, { default: "'management-server'" }),
          { ...varcharColumn('name', 255), isPrimary: true },
          varcharColumn('value', 4095, { nullable: true }),
          varcharColumn('description', 1024, { nullable: true }),
          varcharColumn('default_value', 4095, { nullable: true }),
          datetimeColumn('updated'),
          varcharColumn('scope', 255, { nullable: true }),
          flagColumn('is_dynamic', 0),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('configuration');
  }
}
