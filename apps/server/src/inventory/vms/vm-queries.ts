import { type EntityManager, type SelectQueryBuilder } from 'typeorm';

import {
  AccountEntity,
  BackupPolicyEntity,
  BackupPolicyVmMapEntity,
  DataCenterEntity,
  DomainEntity,
  UserEntity,
  VmInstanceEntity,
} from '../../database/entities';
import { type EntityRow, rawOptionalText, rawText } from '../../persistence/query-rows';
import { type VmView } from './vm-view';

/**
 * VMs that are not expunged, joined with their zone, owner, deploying user and backup policy
 * (`backup_policy_vm_map`), so a page of VMs is one statement. Each join is many-to-one.
 */
export function selectVmViews(manager: EntityManager): SelectQueryBuilder<VmInstanceEntity> {
  return manager
    .createQueryBuilder(VmInstanceEntity, 'vm')
    .innerJoin(DataCenterEntity, 'zone', 'zone.id = vm.dataCenterId')
    .innerJoin(AccountEntity, 'account', 'account.id = vm.accountId')
    .innerJoin(DomainEntity, 'domain', 'domain.id = vm.domainId')
    .leftJoin(UserEntity, 'owner', 'owner.id = vm.userId')
    .leftJoin(BackupPolicyVmMapEntity, 'map', 'map.vmId = vm.id')
    .leftJoin(BackupPolicyEntity, 'policy', 'policy.id = map.policyId')
    .addSelect('zone.uuid', 'zoneUuid')
    .addSelect('zone.name', 'zoneName')
    .addSelect('account.accountName', 'accountName')
    .addSelect('domain.uuid', 'domainUuid')
    .addSelect('domain.name', 'domainName')
    .addSelect('owner.uuid', 'userUuid')
    .addSelect('owner.username', 'username')
    .addSelect('policy.uuid', 'policyUuid')
    .addSelect('policy.name', 'policyName')
    .where('vm.removed IS NULL');
}

export function toVmView(row: EntityRow<VmInstanceEntity>): VmView {
  return {
    vm: row.entity,
    // vm_instance has no display name column in this schema: CloudStack shows the name then.
    displayName: row.entity.name,
    zoneUuid: rawText(row.raw, 'zoneUuid'),
    zoneName: rawText(row.raw, 'zoneName'),
    accountName: rawText(row.raw, 'accountName'),
    domainUuid: rawText(row.raw, 'domainUuid'),
    domainName: rawText(row.raw, 'domainName'),
    userUuid: rawOptionalText(row.raw, 'userUuid'),
    username: rawOptionalText(row.raw, 'username'),
    policyUuid: rawOptionalText(row.raw, 'policyUuid'),
    policyName: rawOptionalText(row.raw, 'policyName'),
  };
}
