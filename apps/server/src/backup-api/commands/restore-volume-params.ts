/**
 * The parameters shared by `restoreBackupVolume` (seed) and `restoreVolumeFromBackupAndAttachToVM`
 * (4.22); only the name of the backup id differs (`id` and `backupid`).
 */
export function restoreVolumeParams<BackupIdName extends string>(backupIdName: BackupIdName) {
  return [
    {
      name: backupIdName,
      type: 'uuid',
      entity: 'Backup',
      required: true,
      related: ['listBackups'],
      description: 'ID of the VM backup',
    },
    {
      name: 'volumeid',
      type: 'string',
      required: true,
      description: 'ID of the volume backed up',
    },
    {
      name: 'virtualmachineid',
      type: 'uuid',
      entity: 'VirtualMachine',
      required: true,
      related: ['listVirtualMachines'],
      description: 'id of the VM where to attach the restored volume',
    },
  ] as const;
}
