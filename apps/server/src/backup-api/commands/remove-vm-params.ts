import { ASSIGNED_VM_ID_PARAM } from './backup-command-constants';

/**
 * The parameters shared by `removeVMFromBackupPolicy` (seed) and
 * `removeVirtualMachineFromBackupOffering` (4.22); only the word in `forced`'s description differs.
 */
export function removeVmParams(container: 'backup policy' | 'backup offering') {
  return [
    ASSIGNED_VM_ID_PARAM,
    {
      name: 'forced',
      type: 'boolean',
      description: `Whether to force remove VM from the ${container} that may also delete VM backups.`,
    },
  ] as const;
}
