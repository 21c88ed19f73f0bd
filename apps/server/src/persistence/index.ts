export { createRepositories } from './create-repositories';
export { DbAccessChecker } from './db-access-checker';
export { PersistenceFactory } from './persistence-factory';
export { PersistenceModule, type PersistenceModuleOptions } from './persistence.module';
export {
  ACCESS_CHECKER,
  CLOCK,
  CONFIGURATION_STORE,
  REPOSITORIES,
  TRANSACTION_RUNNER,
} from './tokens';
export { TypeOrmBackupPolicyRepository } from './typeorm-backup-policy-repository';
export { TypeOrmBackupRepository } from './typeorm-backup-repository';
export { TypeOrmEventPublisher } from './typeorm-event-publisher';
export { TypeOrmPolicyVmMappingRepository } from './typeorm-policy-vm-mapping-repository';
export { runInTransaction } from './run-in-transaction';
export { TypeOrmTransactionRunner } from './typeorm-transaction-runner';
export { TypeOrmVmRepository } from './typeorm-vm-repository';
export { TypeOrmZoneRepository } from './typeorm-zone-repository';
