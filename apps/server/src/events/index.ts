export { DbActionEventWriter } from './db-action-event-writer';
export { EventsModule } from './events.module';
