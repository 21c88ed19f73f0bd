import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, intColumn, uuidColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `account`. */
export class CreateAccount1764115200002 implements MigrationInterface {
  name = 'CreateAccount1764115200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'account',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('account_name', 100, { nullable: true }),
          uuidColumn(),
          intColumn('type', { unsigned: true }),
          bigintColumn('role_id', { nullable: true }),
          bigintColumn('domain_id'),
          varcharColumn('state', 10, { default: "'enabled'" }),
          datetimeColumn('created'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_account__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_account__removed', columnNames: ['removed'] }),
          new TableIndex({
            name: 'i_account__account_name__domain_id__removed',
            columnNames: ['account_name', 'domain_id', 'removed'],
          }),
          new TableIndex({ name: 'i_account__domain_id', columnNames: ['domain_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_account__domain_id',
            columnNames: ['domain_id'],
            referencedTableName: 'domain',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account');
  }
}
