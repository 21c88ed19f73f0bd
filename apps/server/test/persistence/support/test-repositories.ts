import { type Clock, type Repositories } from '@csbr/framework/host';
import { FixedClock, InMemoryConfigurationStore } from '@csbr/framework/testing';
import { type DataSource } from 'typeorm';

import { createRepositories } from '../../../src/persistence';

/** The TypeORM repositories outside any transaction, with in-memory configuration and a fixed clock. */
export function testRepositories(dataSource: DataSource, clock: Clock = new FixedClock()): Repositories {
  return createRepositories(dataSource.manager, new InMemoryConfigurationStore(), clock);
}
