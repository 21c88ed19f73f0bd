/**
 * The parameters shared by `removeVMFromBackupPolicy` (seed) and
 * `removeVirtualMachineFromBackupOffering` (4.22); only the word in `forced`'s description differs.
 */
export function removeVmParams(container: 'backup policy' | 'backup offering') {
  return [
    {
      name: 'virtualmachineid',
      type: 'uuid',
      entity: 'VirtualMachine',
      required: true,
      related: ['listVirtualMachines'],
      description: 'ID of the virtual machine',
    },
    {
      name: 'forced',
      type: 'boolean',
      description: `Whether to force remove VM from the ${container} that may also delete VM backups.`,
    },
  ] as const;
}
