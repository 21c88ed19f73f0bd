import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, uuidColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `user`. `secret_key` holds an encrypted value (HMAC signing needs the clear secret). */
export class CreateUser1764115200003 implements MigrationInterface {
  name = 'CreateUser1764115200003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'user',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          uuidColumn(),
          varcharColumn('username', 255),
          varcharColumn('password', 255),
          bigintColumn('account_id'),
          varcharColumn('firstname', 255, { nullable: true }),
          varcharColumn('lastname', 255, { nullable: true }),
          varcharColumn('email', 255, { nullable: true }),
          varcharColumn('state', 10, { default: "'enabled'" }),
          varcharColumn('api_key', 255, { nullable: true }),
          varcharColumn('secret_key', 255, { nullable: true }),
          varcharColumn('timezone', 30, { nullable: true }),
          datetimeColumn('created', { nullable: false }),
          datetimeColumn('removed'),
        ],
        uniques: [
          new TableUnique({ name: 'uc_user__uuid', columnNames: ['uuid'] }),
          new TableUnique({ name: 'uc_user__api_key', columnNames: ['api_key'] }),
        ],
        indices: [
          new TableIndex({ name: 'i_user__removed', columnNames: ['removed'] }),
          new TableIndex({ name: 'i_user__account_id', columnNames: ['account_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_user__account_id',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user');
  }
}
