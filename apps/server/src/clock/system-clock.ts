import { type Clock } from '@csbr/framework/host';

/** The wall clock, for the framework's `Clock` port (tests inject fixed ones). */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
