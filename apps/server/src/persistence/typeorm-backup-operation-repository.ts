import { randomUUID } from 'node:crypto';

import { BackupError } from '@csbr/framework';
import {
  type BackupOperation,
  type BackupOperationKind,
  type BackupOperationRepository,
  type NewBackupOperation,
} from '@csbr/framework/host';
import { type EntityManager, In } from 'typeorm';

import { BackupOperationEntity, BackupVmGuardEntity, VmInstanceEntity } from '../database/entities';
import { violatedUniqueConstraint } from './database-errors';
import { insertRow } from './insert-row';
import { insertValues, runWrite, updateValues } from './write-rows';

/**
 * Backup operations in flight (`op_backup_operation`) and the VMs they hold (`op_backup_vm_guard`,
 * whose primary key is the guard). Operations are stamped with this instance's management server
 * id; `end` and `takeOver` are compare-and-set on it, so an instance that was counted dead cannot
 * overwrite what the instance that recovered its operation recorded.
 */
export class TypeOrmBackupOperationRepository implements BackupOperationRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly managementServerId: string,
  ) {}

  async begin(operation: NewBackupOperation): Promise<BackupOperation> {
    const uuid = randomUUID();
    const id = await insertRow(this.manager, BackupOperationEntity, {
      uuid,
      kind: operation.kind,
      policyId: operation.policyId ?? null,
      backupId: operation.backupId ?? null,
      jobUuid: operation.jobId ?? null,
      ownerMsid: this.managementServerId,
      state: 'Running',
      payload: operation.payload,
      result: null,
      created: operation.created,
      deadline: operation.deadline,
    });
    // One VM at a time, in id order, so two operations over the same pair cannot deadlock.
    const vmIds = [...new Set(operation.vmIds)].sort(compareNumeric);
    for (const vmId of vmIds) {
      try {
        await insertValues(this.manager, BackupVmGuardEntity, { vmId, operationId: id });
      } catch (error) {
        if (violatedUniqueConstraint(error) === undefined) throw error;
        throw new BackupError(
          'OPERATION_IN_PROGRESS',
          `Another backup operation is in progress for VM ${await this.vmUuidOf(vmId)}, please try again later`,
          { retryable: true, cause: error },
        );
      }
    }
    return {
      ...operation,
      vmIds,
      id,
      uuid,
      ownerId: this.managementServerId,
      state: 'Running',
    };
  }

  async setBackup(operationId: string, backupId: string): Promise<void> {
    await updateValues(this.manager, BackupOperationEntity, { backupId }, 'id = ?', [operationId]);
  }

  async markProviderDone(operationId: string, result: string): Promise<void> {
    await this.manager.update(
      BackupOperationEntity,
      { id: operationId, ownerMsid: this.managementServerId },
      { state: 'ProviderDone', result },
    );
  }

  async end(operationId: string): Promise<boolean> {
    // The guard rows go with the operation (ON DELETE CASCADE).
    const { affected } = await runWrite(this.manager, 'DELETE FROM op_backup_operation WHERE id = ? AND owner_msid = ?', [
      operationId,
      this.managementServerId,
    ]);
    if (affected === 0) return false;
    // SQLite enforces foreign keys only when asked to; delete the guards explicitly there.
    if (this.manager.connection.options.type === 'sqljs') await this.manager.delete(BackupVmGuardEntity, { operationId });
    return true;
  }

  async findByVm(vmId: string): Promise<BackupOperation | undefined> {
    const guard = await this.manager.findOneBy(BackupVmGuardEntity, { vmId });
    return guard === null ? undefined : this.findById(guard.operationId);
  }

  async listGuardedVmIds(vmIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (vmIds.length === 0) return new Set();
    const guards = await this.manager.findBy(BackupVmGuardEntity, { vmId: In([...vmIds]) });
    return new Set(guards.map((guard) => guard.vmId));
  }

  async findByJob(jobId: string): Promise<BackupOperation | undefined> {
    const entity = await this.manager.findOneBy(BackupOperationEntity, { jobUuid: jobId });
    return entity === null ? undefined : this.withVms(entity);
  }

  countByPolicy(policyId: string): Promise<number> {
    return this.manager.countBy(BackupOperationEntity, {
      policyId,
      kind: 'AssignPolicy' satisfies BackupOperationKind,
    });
  }

  async listByOwner(ownerId: string): Promise<readonly BackupOperation[]> {
    const entities = await this.manager.find(BackupOperationEntity, {
      where: { ownerMsid: ownerId },
      order: { id: 'ASC' },
    });
    if (entities.length === 0) return [];
    const guards = await this.manager.findBy(BackupVmGuardEntity, {
      operationId: In(entities.map((entity) => entity.id)),
    });
    return entities.map((entity) =>
      toOperation(
        entity,
        guards.filter((guard) => guard.operationId === entity.id).map((guard) => guard.vmId),
      ),
    );
  }

  async takeOver(operationId: string, fromOwnerId: string): Promise<boolean> {
    const result = await this.manager.update(
      BackupOperationEntity,
      { id: operationId, ownerMsid: fromOwnerId },
      { ownerMsid: this.managementServerId },
    );
    return (result.affected ?? 0) > 0;
  }

  private async findById(id: string): Promise<BackupOperation | undefined> {
    const entity = await this.manager.findOneBy(BackupOperationEntity, { id });
    return entity === null ? undefined : this.withVms(entity);
  }

  private async withVms(entity: BackupOperationEntity): Promise<BackupOperation> {
    const guards = await this.manager.findBy(BackupVmGuardEntity, { operationId: entity.id });
    return toOperation(
      entity,
      guards.map((guard) => guard.vmId),
    );
  }

  private async vmUuidOf(vmId: string): Promise<string> {
    const vm = await this.manager.findOne(VmInstanceEntity, { where: { id: vmId }, select: { uuid: true } });
    return vm?.uuid ?? vmId;
  }
}

function toOperation(entity: BackupOperationEntity, vmIds: readonly string[]): BackupOperation {
  return {
    id: entity.id,
    uuid: entity.uuid,
    kind: entity.kind as BackupOperationKind,
    vmIds: [...vmIds].sort(compareNumeric),
    ...(entity.policyId === null ? {} : { policyId: entity.policyId }),
    ...(entity.backupId === null ? {} : { backupId: entity.backupId }),
    ...(entity.jobUuid === null ? {} : { jobId: entity.jobUuid }),
    ownerId: entity.ownerMsid,
    created: entity.created,
    deadline: entity.deadline,
    payload: entity.payload ?? '{}',
    state: entity.state === 'ProviderDone' ? 'ProviderDone' : 'Running',
    ...(entity.result === null ? {} : { result: entity.result }),
  };
}

function compareNumeric(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
