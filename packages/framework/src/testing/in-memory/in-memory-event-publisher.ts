import { type EventPublisher } from '../../host/ports';
import { type StateAccess } from './store-state';

/** Events are part of the state, so a rolled-back transaction publishes nothing. */
export function createEventPublisher(access: StateAccess): EventPublisher {
  return {
    action(event) {
      access.write((state) => state.actionEvents.push({ ...event }));
      return Promise.resolve();
    },
    usages(events) {
      access.write((state) => state.usageEvents.push(...events.map((event) => ({ ...event }))));
      return Promise.resolve();
    },
    usage(event) {
      access.write((state) => state.usageEvents.push({ ...event }));
      return Promise.resolve();
    },
  };
}
