import { type Clock, type Repositories } from '@csbr/framework/host';
import { FixedClock, InMemoryConfigurationStore } from '@csbr/framework/testing';
import { type DataSource } from 'typeorm';

import { createRepositories } from '../../../src/persistence';

/** The management server id the test repositories stamp on the operations they begin. */
export const TEST_MSID = '4242';

/** The TypeORM repositories outside any transaction, with in-memory configuration and a fixed clock. */
export function testRepositories(
  dataSource: DataSource,
  clock: Clock = new FixedClock(),
  managementServerId: string = TEST_MSID,
): Repositories {
  return createRepositories(dataSource.manager, new InMemoryConfigurationStore(), clock, managementServerId);
}
