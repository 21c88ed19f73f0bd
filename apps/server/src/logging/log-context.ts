import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import { type Logger as PinoInstance } from 'pino';

import { RequestLogContext } from './request-log';

/**
 * Adds fields (the API command, a zone) to every later line of the current request or job, and to
 * the request's "request completed" line. Outside a request or job it does nothing.
 */
export function assignLogFields(fields: Readonly<Record<string, unknown>>): void {
  const store = storage.getStore();
  if (store === undefined) return;
  if ((store as unknown) instanceof RequestLogContext) {
    (store as unknown as RequestLogContext).assign(fields);
    return;
  }
  store.logger = store.logger.child(fields);
  store.responseLogger?.setBindings(fields);
}

/**
 * Runs `work` with its own log context, so that every line it writes, through any Nest `Logger`,
 * carries `fields` (a job's uuid and command). Without the server's logger (a test module without
 * logging) `work` just runs.
 */
export function runWithLogFields<T>(fields: Readonly<Record<string, unknown>>, work: () => Promise<T>): Promise<T> {
  const root = (PinoLogger as unknown as { root?: PinoInstance }).root;
  const parent = storage.getStore()?.logger ?? root;
  if (parent === undefined) return work();
  return storage.run(new Store(parent.child(fields)), work);
}
