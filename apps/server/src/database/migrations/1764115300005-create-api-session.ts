import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `api_session`: username/password sessions (`login`), kept in the database so that a session
 * opened on one server instance works on every instance. The session id is stored as its SHA-256
 * hash only and the session key encrypted, so a copy of the table does not open sessions.
 */
export class CreateApiSession1764115300005 implements MigrationInterface {
  name = 'CreateApiSession1764115300005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_session',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          { name: 'session_hash', type: 'char', length: '64', isNullable: false },
          varcharColumn('session_key', 255),
          bigintColumn('user_id'),
          textColumn('login_info'),
          datetimeColumn('created', { nullable: false }),
          datetimeColumn('last_access', { nullable: false }),
        ],
        uniques: [new TableUnique({ name: 'uq_api_session__session_hash', columnNames: ['session_hash'] })],
        indices: [new TableIndex({ name: 'i_api_session__last_access', columnNames: ['last_access'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_api_session__user_id',
            columnNames: ['user_id'],
            referencedTableName: 'user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_session');
  }
}
