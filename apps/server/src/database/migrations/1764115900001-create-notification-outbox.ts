import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

import { datetimeColumn, intColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `csbr_notification_outbox` (csbr's own): one row per webhook notification, written in the
 * transaction that records the job's outcome, so none is lost to a crash or a restart. Any instance
 * delivers: it leases due rows (`lease_owner`, `lease_until`), so a row is sent by one instance at a
 * time and an instance that dies mid-delivery only delays it. `delivered` or `gave_up` ends a row.
 */
export class CreateNotificationOutbox1764115900001 implements MigrationInterface {
  name = 'CreateNotificationOutbox1764115900001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'csbr_notification_outbox',
        engine: INNODB_UTF8MB4,
        columns: [
          { ...varcharColumn('id', 40), isPrimary: true },
          varcharColumn('event', 64),
          varcharColumn('zone_uuid', 40, { nullable: true }),
          varcharColumn('url', 2048),
          textColumn('payload'),
          intColumn('attempts', { default: '0' }),
          datetimeColumn('next_attempt', { nullable: false }),
          varcharColumn('lease_owner', 64, { nullable: true }),
          datetimeColumn('lease_until'),
          varcharColumn('last_error', 255, { nullable: true }),
          datetimeColumn('delivered'),
          datetimeColumn('gave_up'),
          datetimeColumn('created', { nullable: false }),
        ],
        indices: [
          new TableIndex({ name: 'i_csbr_notification_outbox__due', columnNames: ['delivered', 'gave_up', 'next_attempt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('csbr_notification_outbox');
  }
}
