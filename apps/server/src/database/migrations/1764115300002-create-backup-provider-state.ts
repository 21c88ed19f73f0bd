import { type MigrationInterface, type QueryRunner, Table, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `backup_provider_state`: the key/value store each provider gets (contract 1.1) for tokens,
 * cursors and high-water marks, shared by every server instance. `zone_id` 0 holds values that
 * belong to no zone (a unique key ignores NULLs). Values are encrypted.
 */
export class CreateBackupProviderState1764115300002 implements MigrationInterface {
  name = 'CreateBackupProviderState1764115300002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backup_provider_state',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('provider', 255),
          bigintColumn('zone_id', { default: '0' }),
          varcharColumn('name', 255),
          { ...textColumn('value'), isNullable: false },
          datetimeColumn('updated', { nullable: false }),
        ],
        uniques: [
          new TableUnique({
            name: 'uq_backup_provider_state__provider__zone_id__name',
            columnNames: ['provider', 'zone_id', 'name'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('backup_provider_state');
  }
}
