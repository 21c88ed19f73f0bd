import { BackupScheduleEntity } from './backup-schedule.entity';
import { AccountEntity } from './account.entity';
import { ApiRequestSignatureEntity } from './api-request-signature.entity';
import { AsyncJobEntity } from './async-job.entity';
import { BackupPolicyVmMapEntity } from './backup-policy-vm-map.entity';
import { BackupPolicyEntity } from './backup-policy.entity';
import { BackupOperationEntity, BackupVmGuardEntity } from './backup-operation.entity';
import { ApiSessionEntity } from './api-session.entity';
import { BackupProviderStateEntity } from './backup-provider-state.entity';
import { MshostEntity } from './mshost.entity';
import { OpLeaseEntity } from './op-lease.entity';
import { BackupEntity } from './backup.entity';
import { BackupDetailEntity } from './backup-detail.entity';
import { ConfigurationEntity } from './configuration.entity';
import { DataCenterDetailEntity } from './data-center-detail.entity';
import { DataCenterEntity } from './data-center.entity';
import { DomainEntity } from './domain.entity';
import { EventEntity } from './event.entity';
import { UsageEventEntity } from './usage-event.entity';
import { UserEntity } from './user.entity';
import { VmInstanceEntity } from './vm-instance.entity';
import { VolumeEntity } from './volume.entity';

/** Every entity, listed explicitly (no globs, no autoLoadEntities). */
export const ALL_ENTITIES = [
  DomainEntity,
  AccountEntity,
  UserEntity,
  DataCenterEntity,
  DataCenterDetailEntity,
  ConfigurationEntity,
  VmInstanceEntity,
  VolumeEntity,
  EventEntity,
  AsyncJobEntity,
  UsageEventEntity,
  BackupPolicyEntity,
  BackupPolicyVmMapEntity,
  BackupEntity,
  BackupOperationEntity,
  BackupVmGuardEntity,
  BackupProviderStateEntity,
  MshostEntity,
  OpLeaseEntity,
  ApiSessionEntity,
  ApiRequestSignatureEntity,
  BackupScheduleEntity,
  BackupDetailEntity,
];
