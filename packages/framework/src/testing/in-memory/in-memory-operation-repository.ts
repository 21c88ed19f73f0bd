import { randomUUID } from 'node:crypto';

import { BackupError } from '../../errors/backup-error';
import { compareIds } from '../../host/backup-manager/compare-ids';
import { type BackupOperation, type BackupOperationRepository } from '../../host/ports';
import { type StateAccess, type StoreState } from './store-state';

function guarding(state: StoreState, vmId: string): BackupOperation | undefined {
  return [...state.operations.values()].find((operation) => operation.vmIds.includes(vmId));
}

/**
 * Operation rows in memory. A VM is held by at most one operation, checked against both the
 * transaction's view and what other transactions committed or claimed, as the database's unique key
 * on the guard table does.
 */
export function createOperationRepository(access: StateAccess): BackupOperationRepository {
  const update = (id: string, patch: Partial<BackupOperation>): void => {
    access.write((state) => {
      const operation = state.operations.get(id);
      if (operation !== undefined) state.operations.set(id, { ...operation, ...patch });
    });
  };

  return {
    begin(operation) {
      return new Promise((resolve) => {
        for (const vmId of operation.vmIds) {
          const holder = guarding(access.read(), vmId) ?? guarding(access.committed(), vmId);
          if (holder !== undefined) throw inProgress(access.read(), vmId);
          access.claimVm(vmId);
        }
        const created: BackupOperation = {
          ...operation,
          vmIds: [...operation.vmIds],
          id: access.nextId('operations'),
          uuid: randomUUID(),
          ownerId: access.ownerId,
          state: 'Running',
        };
        access.write((state) => state.operations.set(created.id, created));
        resolve(created);
      });
    },

    setBackup(operationId, backupId) {
      update(operationId, { backupId });
      return Promise.resolve();
    },

    markProviderDone(operationId, result) {
      update(operationId, { state: 'ProviderDone', result });
      return Promise.resolve();
    },

    end(operationId) {
      const committed = access.committed().operations.get(operationId);
      const current = access.read().operations.get(operationId);
      // Taken over by another instance after this transaction started: not ours to end.
      const owner = committed?.ownerId ?? current?.ownerId;
      if (current === undefined || owner !== access.ownerId) return Promise.resolve(false);
      access.write((state) => state.operations.delete(operationId));
      return Promise.resolve(true);
    },

    findByVm(vmId) {
      return Promise.resolve(guarding(access.read(), vmId));
    },

    listGuardedVmIds(vmIds) {
      const state = access.read();
      return Promise.resolve(new Set(vmIds.filter((vmId) => guarding(state, vmId) !== undefined)));
    },

    findByJob(jobId) {
      return Promise.resolve(
        [...access.read().operations.values()].find((operation) => operation.jobId === jobId),
      );
    },

    countByPolicy(policyId) {
      const ids = new Set<string>();
      for (const state of [access.read(), access.committed()]) {
        for (const operation of state.operations.values()) {
          if (operation.kind === 'AssignPolicy' && operation.policyId === policyId) ids.add(operation.id);
        }
      }
      return Promise.resolve(ids.size);
    },

    listByOwner(ownerId) {
      return Promise.resolve(
        [...access.read().operations.values()]
          .filter((operation) => operation.ownerId === ownerId)
          .sort((a, b) => compareIds(a.id, b.id)),
      );
    },

    takeOver(operationId, fromOwnerId) {
      const operation = access.committed().operations.get(operationId);
      if (operation?.ownerId !== fromOwnerId) return Promise.resolve(false);
      access.write((state) => state.operations.set(operationId, { ...operation, ownerId: access.ownerId }));
      return Promise.resolve(true);
    },
  };
}

function inProgress(state: StoreState, vmId: string): BackupError {
  const uuid = state.vms.get(vmId)?.uuid ?? vmId;
  return new BackupError(
    'OPERATION_IN_PROGRESS',
    `Another backup operation is in progress for VM ${uuid}, please try again later`,
    { retryable: true },
  );
}
