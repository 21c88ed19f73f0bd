import { randomUUID } from 'node:crypto';
import { type BackupPolicy } from '../../domain/types';
import { BackupError } from '../../errors/backup-error';
import { type BackupPolicyRepository, type BackupPolicyView } from '../../host/ports';
import { contains, pageOf, zoneRef } from './query-helpers';
import { type StateAccess, type StoreState } from './store-state';

function activePolicies(state: StoreState, zoneId: string): BackupPolicy[] {
  return [...state.policies.values()].filter(
    (policy) => policy.zoneId === zoneId && policy.removed === undefined,
  );
}

export function createPolicyRepository(access: StateAccess): BackupPolicyRepository {
  return {
    findById(id, options) {
      const policy = access.read().policies.get(id);
      const visible =
        policy !== undefined && (policy.removed === undefined || options?.includeRemoved === true);
      return Promise.resolve(visible ? policy : undefined);
    },

    findActiveByExternalId(zoneId, externalId) {
      const found = activePolicies(access.read(), zoneId).find(
        (policy) => policy.externalId === externalId,
      );
      return Promise.resolve(found);
    },

    findActiveByName(zoneId, name) {
      return Promise.resolve(
        activePolicies(access.read(), zoneId).find((policy) => policy.name === name),
      );
    },

    insert(policy) {
      // Stands in for the database's uniqueness of (zone, external id) and (zone, name) among active rows.
      const clash = activePolicies(access.read(), policy.zoneId).find(
        (existing) => existing.externalId === policy.externalId || existing.name === policy.name,
      );
      if (clash !== undefined) {
        return Promise.reject(
          new BackupError('ALREADY_EXISTS', `Duplicate backup policy in zone ${policy.zoneId}`),
        );
      }
      const created: BackupPolicy = {
        ...policy,
        id: access.nextId('policies'),
        uuid: randomUUID(),
      };
      access.write((state) => state.policies.set(created.id, created));
      return Promise.resolve(created);
    },

    async lockActive(id) {
      await access.lockRow(`policy:${id}`);
      // The latest committed row, as a locking read sees it.
      const policy = access.committed().policies.get(id) ?? access.read().policies.get(id);
      return policy?.removed === undefined ? policy : undefined;
    },

    softDelete(id, at) {
      const current = access.committed().policies.get(id);
      if (current === undefined || current.removed !== undefined) return Promise.resolve(false);
      access.write((state) => {
        const policy = state.policies.get(id);
        if (policy !== undefined && policy.removed === undefined)
          state.policies.set(id, { ...policy, removed: at });
      });
      return Promise.resolve(true);
    },

    update(id, changes) {
      const current = access.read().policies.get(id);
      if (current === undefined || current.removed !== undefined) return Promise.resolve(false);
      const newName = changes.name;
      if (
        newName !== undefined &&
        activePolicies(access.read(), current.zoneId).some(
          (other) => other.id !== id && other.name === newName,
        )
      ) {
        return Promise.reject(
          new BackupError('ALREADY_EXISTS', `Duplicate backup policy in zone ${current.zoneId}`),
        );
      }
      access.write((state) => state.policies.set(id, { ...current, ...changes }));
      return Promise.resolve(true);
    },

    list(query, page) {
      const state = access.read();
      const views: BackupPolicyView[] = [...state.policies.values()]
        .filter(
          (policy) =>
            policy.removed === undefined &&
            (query.id === undefined || policy.id === query.id) &&
            (query.zoneId === undefined || policy.zoneId === query.zoneId) &&
            contains(policy.name, query.keyword),
        )
        .map((policy) => ({ ...policy, ...zoneRef(state, policy.zoneId) }));
      return Promise.resolve(pageOf(views, page));
    },
  };
}
