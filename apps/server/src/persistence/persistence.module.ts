import {
  type DynamicModule,
  Global,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type Clock, type ConfigurationStore } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { MANAGEMENT_SERVER_ID } from '../jobs/management-server-id';
import { PersistenceFactory } from './persistence-factory';
import { SystemClock } from '../clock/system-clock';
import {
  ACCESS_CHECKER,
  CLOCK,
  CONFIGURATION_STORE,
  REPOSITORIES,
  TRANSACTION_RUNNER,
} from './tokens';

/** Options of {@link PersistenceModule.forRoot}. */
export interface PersistenceModuleOptions {
  /** Modules that export {@link CONFIGURATION_STORE}, when it is not provided globally. */
  readonly imports?: ModuleMetadata['imports'];
}

/** Internal: the one factory the exported tokens are read from. */
const PERSISTENCE_FACTORY = Symbol('csbr:PersistenceFactory');

const providers: Provider[] = [
  { provide: CLOCK, useClass: SystemClock },
  {
    provide: PERSISTENCE_FACTORY,
    inject: [getDataSourceToken(), CONFIGURATION_STORE, MANAGEMENT_SERVER_ID, CLOCK],
    useFactory: (dataSource: DataSource, config: ConfigurationStore, msid: string, clock: Clock) =>
      new PersistenceFactory(dataSource, config, msid, clock),
  },
  {
    provide: REPOSITORIES,
    inject: [PERSISTENCE_FACTORY],
    useFactory: (factory: PersistenceFactory) => factory.repositories,
  },
  {
    provide: TRANSACTION_RUNNER,
    inject: [PERSISTENCE_FACTORY],
    useFactory: (factory: PersistenceFactory) => factory.transactions,
  },
  {
    provide: ACCESS_CHECKER,
    inject: [PERSISTENCE_FACTORY],
    useFactory: (factory: PersistenceFactory) => factory.accessChecker,
  },
];

/**
 * Provides the framework's host ports over TypeORM, globally: {@link REPOSITORIES},
 * {@link TRANSACTION_RUNNER}, {@link ACCESS_CHECKER} and {@link CLOCK} (the system clock). Needs
 * the TypeORM `DataSource` (DatabaseModule), and {@link CONFIGURATION_STORE} and
 * `MANAGEMENT_SERVER_ID` providers, either global or from a module passed to
 * {@link PersistenceModule.forRoot}.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions = {}): DynamicModule {
    return {
      module: PersistenceModule,
      imports: options.imports ?? [],
      providers,
      exports: [REPOSITORIES, TRANSACTION_RUNNER, ACCESS_CHECKER, CLOCK],
    };
  }
}
