import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Says when the server starts and ends its shutdown, and why (the signal), so that an operator
 * reading the log of a stop (`systemctl stop`, Ctrl-C, `kill`) sees it was asked for and completed.
 */
@Injectable()
export class ShutdownLogService implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly #logger = new Logger('Server');

  beforeApplicationShutdown(signal?: string): void {
    if (signal !== undefined) this.#logger.log(`Stopping (${signal}): finishing running work`);
  }

  onApplicationShutdown(signal?: string): void {
    if (signal !== undefined) this.#logger.log(`Stopped (${signal})`);
  }
}
