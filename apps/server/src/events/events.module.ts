import { Global, Module } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { ACTION_EVENT_WRITER, API_CLOCK } from '../api/ports/api-tokens';
import { DbActionEventWriter } from './db-action-event-writer';

/**
 * CloudStack's action events: provides {@link ACTION_EVENT_WRITER} as a {@link DbActionEventWriter}
 * writing `event` rows. Needs the TypeORM `DataSource`; uses `API_CLOCK` when one is visible.
 *
 * `ApiModule.forRoot` declares its own no-op writer, which wins over an imported one: hand it
 * `{ provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter }` in its `providers`.
 */
@Global()
@Module({
  providers: [
    {
      provide: DbActionEventWriter,
      inject: [DataSource, { token: API_CLOCK, optional: true }],
      useFactory: (dataSource: DataSource, clock?: Clock) => new DbActionEventWriter(dataSource, clock),
    },
    { provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter },
  ],
  exports: [ACTION_EVENT_WRITER, DbActionEventWriter],
})
export class EventsModule {}
