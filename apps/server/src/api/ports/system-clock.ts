import { type Clock } from '@csbr/framework/host';

/** The real time. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
