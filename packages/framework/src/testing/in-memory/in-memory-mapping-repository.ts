import { BackupError } from '../../errors/backup-error';
import {
  type PolicyVmMapping,
  type PolicyVmMappingRepository,
  type PolicyVmMappingView,
} from '../../host/ports';
import { inScope, pageOf, zoneRef } from './query-helpers';
import { type StateAccess } from './store-state';

export function createMappingRepository(access: StateAccess): PolicyVmMappingRepository {
  return {
    findByVm(vmId) {
      return Promise.resolve(access.read().mappings.get(vmId));
    },

    insert(mapping) {
      if (access.read().mappings.has(mapping.vmId)) {
        return Promise.reject(
          new BackupError('ALREADY_EXISTS', `Duplicate entry '${mapping.vmId}' for key 'vm_id'`),
        );
      }
      const created: PolicyVmMapping = { ...mapping, id: access.nextId('mappings') };
      access.write((state) => state.mappings.set(created.vmId, created));
      return Promise.resolve(created);
    },

    deleteByVm(vmId) {
      access.write((state) => state.mappings.delete(vmId));
      return Promise.resolve();
    },

    countByPolicy(policyId) {
      const state = access.read();
      const count = [...state.mappings.values()].filter((mapping) => {
        const vm = state.vms.get(mapping.vmId);
        return mapping.policyId === policyId && vm !== undefined && vm.removed === undefined;
      }).length;
      return Promise.resolve(count);
    },

    list(query, page) {
      const state = access.read();
      const views: PolicyVmMappingView[] = [];
      for (const mapping of state.mappings.values()) {
        const vm = state.vms.get(mapping.vmId);
        const policy = state.policies.get(mapping.policyId);
        if (vm === undefined || vm.removed !== undefined || policy === undefined) continue;
        if (query.vmId !== undefined && mapping.vmId !== query.vmId) continue;
        if (query.policyId !== undefined && mapping.policyId !== query.policyId) continue;
        if (query.zoneId !== undefined && mapping.zoneId !== query.zoneId) continue;
        if (!inScope(state, query.scope, vm)) continue;
        views.push({
          ...mapping,
          ...zoneRef(state, mapping.zoneId),
          policyUuid: policy.uuid,
          policyName: policy.name,
          vmUuid: vm.uuid,
          vmName: vm.name,
        });
      }
      return Promise.resolve(pageOf(views, page));
    },
  };
}
