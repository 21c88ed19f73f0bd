import { type Clock } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { DbUuidResolver } from '../../../src/accounts/db-uuid-resolver';
import { type AsyncJobHandler, type AsyncJobOutcome } from '../../../src/api/ports/async-job-service';
import { DbAsyncJobService, type DbAsyncJobServiceOptions } from '../../../src/jobs/db-async-job-service';

/** A handler that answers every job with success. */
export const SUCCEEDING_HANDLER: AsyncJobHandler = {
  run: (): Promise<AsyncJobOutcome> => Promise.resolve({ status: 'succeeded', resultCode: 0, result: { success: true } }),
};

/**
 * A job service as the server runs it: serving `handler`, bootstrapped (which recovers what a
 * previous run with the same id left behind) and claiming jobs. Stop it with
 * `beforeApplicationShutdown()`.
 */
export async function startJobService(
  dataSource: DataSource,
  managementServerId: string,
  options: DbAsyncJobServiceOptions & { readonly clock?: Clock; readonly handler?: AsyncJobHandler } = {},
): Promise<DbAsyncJobService> {
  const { handler = SUCCEEDING_HANDLER, ...rest } = options;
  const service = new DbAsyncJobService(dataSource, new DbUuidResolver(dataSource), managementServerId, {
    pollIntervalMs: 50,
    ...rest,
  });
  service.serve(handler);
  await service.onApplicationBootstrap();
  return service;
}
