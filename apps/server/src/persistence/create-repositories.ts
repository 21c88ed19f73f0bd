import { type Clock, type ConfigurationStore, type Repositories } from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { TypeOrmBackupOperationRepository } from './typeorm-backup-operation-repository';
import { TypeOrmBackupPolicyRepository } from './typeorm-backup-policy-repository';
import { TypeOrmBackupRepository } from './typeorm-backup-repository';
import { TypeOrmEventPublisher } from './typeorm-event-publisher';
import { TypeOrmPolicyVmMappingRepository } from './typeorm-policy-vm-mapping-repository';
import { TypeOrmVmRepository } from './typeorm-vm-repository';
import { TypeOrmZoneRepository } from './typeorm-zone-repository';

/**
 * The manager's repositories over one `EntityManager`: `dataSource.manager` for work outside a
 * transaction, or the manager a transaction hands out. Configuration is not transactional, so
 * `config` is shared as is.
 */
export function createRepositories(
  manager: EntityManager,
  config: ConfigurationStore,
  clock: Clock,
  managementServerId: string,
): Repositories {
  return {
    config,
    zones: new TypeOrmZoneRepository(manager),
    vms: new TypeOrmVmRepository(manager, clock),
    policies: new TypeOrmBackupPolicyRepository(manager),
    mappings: new TypeOrmPolicyVmMappingRepository(manager),
    backups: new TypeOrmBackupRepository(manager),
    events: new TypeOrmEventPublisher(manager, clock),
    operations: new TypeOrmBackupOperationRepository(manager, managementServerId),
  };
}
