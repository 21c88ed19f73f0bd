import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

import { datetimeColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `api_request_signature` (csbr's own, no CloudStack counterpart): one row per signed request served
 * while `api.signature.replay.protection` is on, shared by every server instance. The primary key
 * makes "seen before" atomic across instances; rows are purged by `expires`.
 */
export class CreateApiRequestSignature1764116000001 implements MigrationInterface {
  name = 'CreateApiRequestSignature1764116000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_request_signature',
        engine: INNODB_UTF8MB4,
        columns: [
          { ...varcharColumn('signature_hash', 64), isPrimary: true },
          datetimeColumn('expires', { nullable: false }),
          datetimeColumn('created', { nullable: false }),
        ],
        indices: [new TableIndex({ name: 'i_api_request_signature__expires', columnNames: ['expires'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_request_signature');
  }
}
