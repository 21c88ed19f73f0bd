export { eventCommands } from './event-commands';
export { EVENT_RESPONSE, type EventView, toEventResponse } from './event-view';
export { EventsApiModule } from './events-api.module';
export { type EventQuery, EventsService } from './events.service';
