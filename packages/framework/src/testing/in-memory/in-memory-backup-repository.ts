import { randomUUID } from 'node:crypto';
import { type Backup } from '../../domain/types';
import { compareIds } from '../../host/backup-manager/compare-ids';
import { type BackupRepository, type BackupView, type NewBackup } from '../../host/ports';
import { contains, inScope, pageOf, zoneRef } from './query-helpers';
import { type StateAccess, type StoreState } from './store-state';

function toView(state: StoreState, backup: Backup): BackupView {
  const vm = state.vms.get(backup.vmId);
  const account = state.accounts.get(backup.accountId);
  const domain = state.domains.get(backup.domainId);
  const policy = state.policies.get(backup.policyId);
  return {
    ...backup,
    ...zoneRef(state, backup.zoneId),
    accountUuid: account?.uuid ?? '',
    accountName: account?.name ?? '',
    domainUuid: domain?.uuid ?? '',
    domainName: domain?.name ?? '',
    vmUuid: vm?.uuid ?? '',
    vmName: vm?.name ?? '',
    ...(policy === undefined ? {} : { policyUuid: policy.uuid, policyName: policy.name }),
    ...(state.mappings.get(backup.vmId)?.policyId === backup.policyId ? {} : { vmPolicyRemoved: true }),
    ...(vm?.removed === undefined && vm?.state !== 'Expunging' ? {} : { vmExpunged: true }),
  };
}

export function createBackupRepository(access: StateAccess): BackupRepository {
  const newBackup = (backup: NewBackup): Backup => ({
    ...backup,
    volumes: [...backup.volumes],
    id: access.nextId('backups'),
    uuid: randomUUID(),
  });
  return {
    findById(id, options) {
      const backup = access.read().backups.get(id);
      const visible =
        backup !== undefined && (backup.removed === undefined || options?.includeRemoved === true);
      return Promise.resolve(visible ? backup : undefined);
    },

    insert(backup) {
      const created = newBackup(backup);
      access.write((state) => state.backups.set(created.id, created));
      return Promise.resolve(created);
    },

    insertMany(backups) {
      const created = backups.map(newBackup);
      access.write((state) => {
        for (const backup of created) state.backups.set(backup.id, backup);
      });
      return Promise.resolve(created.map((backup) => backup.uuid));
    },

    listActiveExternalIds(vmIds, externalIds) {
      const vms = new Set(vmIds);
      const ids = new Set(externalIds);
      const found = new Map<string, Set<string>>();
      for (const backup of access.read().backups.values()) {
        if (backup.removed !== undefined || !vms.has(backup.vmId) || !ids.has(backup.externalId)) continue;
        found.set(backup.vmId, (found.get(backup.vmId) ?? new Set()).add(backup.externalId));
      }
      return Promise.resolve(found);
    },

    countActiveByVms(vmIds) {
      const vms = new Set(vmIds);
      const counts = new Map<string, number>();
      for (const backup of access.read().backups.values()) {
        if (backup.removed === undefined && vms.has(backup.vmId)) {
          counts.set(backup.vmId, (counts.get(backup.vmId) ?? 0) + 1);
        }
      }
      return Promise.resolve(counts);
    },

    markRemoved(ids, at) {
      access.write((state) => {
        for (const id of ids) {
          const backup = state.backups.get(id);
          if (backup !== undefined && backup.removed === undefined) {
            state.backups.set(id, { ...backup, removed: at, status: 'Removed' });
          }
        }
      });
      return Promise.resolve();
    },

    setStatus(id, status) {
      access.write((state) => {
        const backup = state.backups.get(id);
        if (backup !== undefined && backup.removed === undefined) {
          state.backups.set(id, { ...backup, status });
        }
      });
      return Promise.resolve();
    },

    complete(id, fields) {
      access.write((state) => {
        const backup = state.backups.get(id);
        if (backup !== undefined) state.backups.set(id, { ...backup, ...fields, status: 'BackedUp' });
      });
      return Promise.resolve();
    },

    discard(id) {
      access.write((state) => state.backups.delete(id));
      return Promise.resolve();
    },

    findActiveByExternalId(vmId, externalId) {
      const found = [...access.read().backups.values()].find(
        (backup) =>
          backup.vmId === vmId && backup.externalId === externalId && backup.removed === undefined,
      );
      return Promise.resolve(found);
    },

    listActiveByVm(vmId) {
      const backups = [...access.read().backups.values()]
        .filter((backup) => backup.vmId === vmId && backup.removed === undefined)
        .sort((a, b) => compareIds(a.id, b.id));
      return Promise.resolve(backups);
    },

    updateSizes(id, size, protectedSize) {
      access.write((state) => {
        const backup = state.backups.get(id);
        if (backup !== undefined) state.backups.set(id, { ...backup, size, protectedSize });
      });
      return Promise.resolve();
    },

    list(query, page) {
      const state = access.read();
      const views = [...state.backups.values()]
        .filter(
          (backup) =>
            backup.removed === undefined &&
            (query.id === undefined || backup.id === query.id) &&
            (query.vmId === undefined || backup.vmId === query.vmId) &&
            (query.zoneId === undefined || backup.zoneId === query.zoneId) &&
            (query.policyId === undefined || backup.policyId === query.policyId) &&
            (query.name === undefined || backup.name === query.name) &&
            (contains(backup.name ?? '', query.keyword) || contains(state.vms.get(backup.vmId)?.name ?? '', query.keyword)) &&
            inScope(state, query.scope, backup),
        )
        .map((backup) => toView(state, backup));
      return Promise.resolve(pageOf(views, page));
    },
  };
}
