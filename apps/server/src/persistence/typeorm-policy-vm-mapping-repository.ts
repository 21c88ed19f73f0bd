import { BackupError } from '@csbr/framework';
import {
  type Page,
  type PageRequest,
  type PolicyVmMapping,
  type PolicyVmMappingQuery,
  type PolicyVmMappingRepository,
  type PolicyVmMappingView,
} from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import {
  BackupPolicyEntity,
  BackupPolicyVmMapEntity,
  DataCenterEntity,
  VmInstanceEntity,
} from '../database/entities';
import { applyAccountScope } from './account-scope';
import { violatedUniqueConstraint } from './database-errors';
import { insertRow } from './insert-row';
import { fetchPage, rawText } from './query-rows';

/** Which policy protects which VM (`backup_policy_vm_map`, one row per VM). */
export class TypeOrmPolicyVmMappingRepository implements PolicyVmMappingRepository {
  constructor(private readonly manager: EntityManager) {}

  async findByVm(vmId: string): Promise<PolicyVmMapping | undefined> {
    const mapping = await this.manager.findOneBy(BackupPolicyVmMapEntity, { vmId });
    return mapping === null ? undefined : toMapping(mapping);
  }

  async insert(mapping: Omit<PolicyVmMapping, 'id'>): Promise<PolicyVmMapping> {
    try {
      const id = await insertRow(this.manager, BackupPolicyVmMapEntity, {
        policyId: mapping.policyId,
        vmId: mapping.vmId,
        zoneId: mapping.zoneId,
        created: mapping.created,
      });
      return { ...mapping, id };
    } catch (error) {
      // UNIQUE(vm_id) is the only unique key besides the id.
      if (violatedUniqueConstraint(error) === undefined) throw error;
      throw new BackupError(
        'ALREADY_EXISTS',
        'VM already is assigned to a backup policy, please remove the VM from its previous policy',
        { cause: error },
      );
    }
  }

  async deleteByVm(vmId: string): Promise<void> {
    await this.manager.delete(BackupPolicyVmMapEntity, { vmId });
  }

  countByPolicy(policyId: string): Promise<number> {
    return this.manager
      .createQueryBuilder(BackupPolicyVmMapEntity, 'map')
      .innerJoin(VmInstanceEntity, 'vm', 'vm.id = map.vmId')
      .where('map.policyId = :policyId', { policyId })
      .andWhere('vm.removed IS NULL')
      .getCount();
  }

  /** Mappings of VMs that are not removed, to policies that exist, with their names. */
  list(query: PolicyVmMappingQuery, page: PageRequest): Promise<Page<PolicyVmMappingView>> {
    const select = this.manager
      .createQueryBuilder(BackupPolicyVmMapEntity, 'map')
      .innerJoin(VmInstanceEntity, 'vm', 'vm.id = map.vmId')
      .innerJoin(BackupPolicyEntity, 'policy', 'policy.id = map.policyId')
      .leftJoin(DataCenterEntity, 'zone', 'zone.id = map.zoneId')
      .addSelect('vm.uuid', 'vmUuid')
      .addSelect('vm.name', 'vmName')
      .addSelect('policy.uuid', 'policyUuid')
      .addSelect('policy.name', 'policyName')
      .addSelect('zone.uuid', 'zoneUuid')
      .addSelect('zone.name', 'zoneName')
      .where('vm.removed IS NULL');
    if (query.vmId !== undefined) select.andWhere('map.vmId = :vmId', { vmId: query.vmId });
    if (query.policyId !== undefined)
      select.andWhere('map.policyId = :policyId', { policyId: query.policyId });
    if (query.zoneId !== undefined)
      select.andWhere('map.zoneId = :zoneId', { zoneId: query.zoneId });
    applyAccountScope(select, query.scope, { account: 'vm.accountId', domain: 'vm.domainId' });
    return fetchPage(select, page, ({ entity, raw }) => ({
      ...toMapping(entity),
      vmUuid: rawText(raw, 'vmUuid'),
      vmName: rawText(raw, 'vmName'),
      policyUuid: rawText(raw, 'policyUuid'),
      policyName: rawText(raw, 'policyName'),
      zoneUuid: rawText(raw, 'zoneUuid'),
      zoneName: rawText(raw, 'zoneName'),
    }));
  }
}

function toMapping(mapping: BackupPolicyVmMapEntity): PolicyVmMapping {
  return {
    id: mapping.id,
    policyId: mapping.policyId,
    vmId: mapping.vmId,
    zoneId: mapping.zoneId,
    created: mapping.created ?? new Date(0),
  };
}
