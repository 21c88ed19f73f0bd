import { type VirtualMachine } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { type OperationOutcomes, NO_RESULT } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { payloadOf, requireId } from './operation-payload';

/** What `createVmFromBackup` records with its operation. */
export interface CreateVmFromBackupPayload {
  /** The VM recorded in step 1. */
  readonly targetVmId: string;
}

/**
 * Creating a VM from a backup: the new VM is recorded (Stopped) before the provider call and kept
 * when the provider restored it. When the provider fails, or the server dies during the call, the
 * new VM and its volumes are removed again, as CloudStack expunges the VM of a failed
 * `createVMFromBackup`: nothing half-made stays listed as a healthy VM.
 */
export const createVmFromBackupOutcomes: OperationOutcomes<void, VirtualMachine> = {
  async succeed(_context, tx, operation) {
    const vmId = requireId(payloadOf<CreateVmFromBackupPayload>(operation).targetVmId, 'target VM', operation);
    const vm = await tx.vms.findById(vmId);
    if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.providedVmNotFound);
    return vm;
  },

  async fail(context, tx, operation) {
    const vmId = requireId(payloadOf<CreateVmFromBackupPayload>(operation).targetVmId, 'target VM', operation);
    await tx.vms.discardVmFromBackup(vmId, context.clock.now());
  },

  // The restore is never run twice and no provider can tell how far one got: the VM goes.
  recover: () => Promise.resolve({ kind: 'failed', message: Messages.interruptedCreateVm }),

  ...NO_RESULT,
};
