import { Module } from '@nestjs/common';

import { EventCommandsRegistrar } from './event-commands.registrar';
import { EventsService } from './events.service';

/**
 * `listEvents` over CloudStack's `event` table (the rows `EventsModule`'s writer records). Needs,
 * globally, the TypeORM `DataSource` and the API layer's `CommandRegistry` and `AccountScopeResolver`.
 */
@Module({ providers: [EventsService, EventCommandsRegistrar], exports: [EventsService] })
export class EventsApiModule {}
