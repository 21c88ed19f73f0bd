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
import { sqlDate, sqlOptionalText, type SqlRow, sqlText } from '../../persistence/raw-page';
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

/**
 * The raw list path: the columns `toVmResponse` shows and the same joins as
 * {@link selectVmViews} (joined to `vm`). Zone, account and domain are NOT NULL foreign keys of
 * `vm_instance`, so the count and the page's ids need none of these joins.
 */
export const VM_SUMMARY_COLUMNS =
  'vm.uuid, vm.name, vm.created, vm.state, vm.instance_name, vm.hypervisor_type,' +
  ' zone.uuid AS zone_uuid, zone.name AS zone_name, account.account_name, domain.uuid AS domain_uuid,' +
  ' domain.name AS domain_name, owner.uuid AS user_uuid, owner.username, policy.uuid AS policy_uuid, policy.name AS policy_name';
export const VM_SUMMARY_JOINS =
  'JOIN data_center zone ON zone.id = vm.data_center_id JOIN account account ON account.id = vm.account_id' +
  ' JOIN domain domain ON domain.id = vm.domain_id LEFT JOIN user owner ON owner.id = vm.user_id' +
  ' LEFT JOIN backup_policy_vm_map map ON map.vm_id = vm.id LEFT JOIN backup_policy policy ON policy.id = map.policy_id';

export function toVmSummaryView(row: SqlRow): VmView {
  const name = sqlText(row.name);
  return {
    vm: {
      uuid: sqlOptionalText(row.uuid) ?? null,
      name,
      created: sqlDate(row.created) ?? new Date(Number.NaN),
      state: sqlText(row.state),
      instanceName: sqlText(row.instance_name),
      hypervisorType: sqlOptionalText(row.hypervisor_type) ?? null,
    },
    displayName: name,
    zoneUuid: sqlText(row.zone_uuid),
    zoneName: sqlText(row.zone_name),
    accountName: sqlText(row.account_name),
    domainUuid: sqlText(row.domain_uuid),
    domainName: sqlText(row.domain_name),
    userUuid: sqlOptionalText(row.user_uuid),
    username: sqlOptionalText(row.username),
    policyUuid: sqlOptionalText(row.policy_uuid),
    policyName: sqlOptionalText(row.policy_name),
  };
}
