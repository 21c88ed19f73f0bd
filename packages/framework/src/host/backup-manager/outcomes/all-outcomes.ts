import { type BackupOperationKind } from '../../ports';
import { type OperationOutcomes } from '../guarded/operation-outcomes';
import { assignPolicyOutcomes } from './assign-policy-outcomes';
import { createBackupOutcomes } from './create-backup-outcomes';
import { createVmFromBackupOutcomes } from './create-vm-from-backup-outcomes';
import { deleteBackupOutcomes } from './delete-backup-outcomes';
import { removePolicyOutcomes } from './remove-policy-outcomes';
import { restoreBackupOutcomes } from './restore-backup-outcomes';
import { restoreVolumeOutcomes } from './restore-volume-outcomes';

/** The outcome rules of every kind of operation that exists so far, for recovery. */
export const OUTCOMES_BY_KIND: Partial<Record<BackupOperationKind, OperationOutcomes<unknown, unknown>>> = {
  AssignPolicy: assignPolicyOutcomes,
  RemovePolicy: removePolicyOutcomes,
  CreateBackup: createBackupOutcomes,
  DeleteBackup: deleteBackupOutcomes,
  RestoreBackup: restoreBackupOutcomes,
  RestoreVolume: restoreVolumeOutcomes,
  CreateVmFromBackup: createVmFromBackupOutcomes,
};
