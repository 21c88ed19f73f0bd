/**
 * Every message the manager shows to API clients. Clients and tests match on them, so they are
 * CloudStack's text: the policy-era wording where the policy era had one (spec §0), otherwise the
 * 4.14 text with "offering" read as "policy" (spec §2).
 */
export const Messages = {
  zoneDisabled: 'Backup and Recovery feature is disabled for the zone',
  invalidZone: 'Invalid zone ID passed',
  invalidProviderName: 'Invalid backup provider name provided',
  providerNotFound: (name: string) => `Failed to find backup provider by the name: ${name}`,
  providerUnavailableForZone: (zoneUuid: string) =>
    `Backup provider not available or configured for zone ID ${zoneUuid}`,

  externalRequiresRootAdmin:
    'Parameter external can only be specified by a Root Admin, permission denied',
  importRequiresRootAdmin: 'Only a Root Admin can import a backup policy, permission denied',
  deleteRequiresRootAdmin: 'Only a Root Admin can delete a backup policy, permission denied',
  updateRequiresRootAdmin: 'Only a Root Admin can update a backup policy, permission denied',
  policyNotFoundForUpdate: (policyUuid: string) =>
    `Unable to find Backup Policy with id: [${policyUuid}].`,
  /** CloudStack's text (4.14+); the policy era had no such switch. */
  policyUpdateFailed: (policyUuid: string) => `Failed to update backup policy ${policyUuid}.`,
  adHocBackupNotAllowed: 'The assigned backup offering does not allow ad-hoc user backup',
  listExternalFailed: 'Failed to list the backup policies of the provider',

  policyExternalIdExists: (externalId: string) =>
    `A backup policy with external ID ${externalId} already exists`,
  policyNameExists: 'A backup policy with the same name already exists in this zone',
  policyNotOnProvider: (externalId: string, provider: string, zoneUuid: string) =>
    `Policy ${externalId} does not exist on provider ${provider} on zone ${zoneUuid}`,
  policyCreateFailed: (externalId: string, name: string) =>
    `Unable to create backup policy: ${externalId}, name: ${name}`,
  policyNotFoundForDelete: (policyUuid: string) =>
    `Could not find a backup policy with id: ${policyUuid}`,
  policyInUse:
    'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
  policyDeleteFailed: (policyUuid: string) => `Unable to remove backup policy: ${policyUuid}`,
  policyDoesNotExist: (policyUuid: string) => `Policy ${policyUuid} does not exist`,

  vmNotFound: 'Did not find VM by provided ID',
  vmNotRunningOrStopped: 'VM is not in running or stopped state',
  assignPolicyNotFound: 'Provided backup policy does not exist',
  vmAndPolicyInDifferentZones: 'VM and backup policy must be in the same zone',
  vmAlreadyAssigned:
    'VM already is assigned to a backup policy, please remove the VM from its previous policy',
  assignFailed:
    'Failed to assign the VM to the backup policy, please try removing the assignment and try again.',

  noPolicyForVm: 'No previously configured backup policy found for the VM',
  forcedRemovalRequired:
    'The backend provider will only allow removal of VM from the policy if forced:true is provided that will also delete the backups.',
  removeFailed: 'Failed to remove VM from backup policy',

  createWithoutPolicy:
    'VM has not backup policy configured, cannot create backup before assigning it to a backup policy',
  vmPolicyNotFound: 'VM backup policy not found',
  createBackupFailed: 'Failed to create VM backup',

  backupDoesNotExist: (backupUuid: string) => `Backup ${backupUuid} does not exist`,
  backupVmNotFoundIncludingRemoved: (backupUuid: string) =>
    `VM of backup ${backupUuid} couldn't be found on existing or removed VMs`,
  vmMustBeStopped: 'Existing VM should be stopped before being restored from backup',
  backupPolicyNotFound: 'Failed to find backup policy of the VM backup',
  restoreFailed: (backupUuid: string) => `Error restoring VM from backup ID ${backupUuid}`,
  backupNotReady: (backupUuid: string, status: string) =>
    `Backup ${backupUuid} is ${status}; only a backup in state BackedUp can be used`,

  invalidVolumeId: 'Invalid volume ID passed',
  providedBackupNotFound: 'Provided backup not found',
  providedVmNotFound: 'Provided VM not found',
  crossZoneVolumeRestore: 'Cross zone backup restoration of volume is not allowed',
  sourceVmNotFound: 'VM reference for the provided VM backup not found',
  volumeNotInBackup: (volumeUuid: string) =>
    `Failed to find volume in the backedup volumes of ID ${volumeUuid}`,
  restoreVolumeFailed: (volumeUuid: string) => `Error restoring volume ${volumeUuid}`,

  backupVmDoesNotExist: (backupUuid: string) => `VM of backup ${backupUuid} does not exist`,
  deleteBackupFailed: 'Failed to delete the backup',

  // Contract 1.1: capabilities, deadlines, cancellation, several instances.
  adHocBackupNotSupported: (provider: string) =>
    `The backup provider ${provider} does not support ad-hoc backups`,
  restoreVmNotSupported: (provider: string) =>
    `The backup provider ${provider} does not support restoring a VM from a backup`,
  restoreVolumeNotSupported: (provider: string) =>
    `The backup provider ${provider} does not support restoring a single volume`,
  createVmNotSupported: (provider: string) =>
    `The backup provider ${provider} does not support creating a VM from a backup`,
  singleDeleteNotSupported: (provider: string) =>
    `The backup provider ${provider} does not have a safe way to remove a single restore point, which results in all backup chain being removed. Use forced:true to skip this verification and remove the complete backup chain.`,
  providerTimedOut: (provider: string, operation: string, seconds: number) =>
    `The backup provider ${provider} did not finish in ${seconds} seconds ` +
    `(backup.framework.timeout.${operation}); the operation was cancelled`,
  operationCancelled: 'The backup operation was cancelled',
  operationTakenOver:
    'Another management server took over this backup operation after this one was counted as stopped; its outcome stands',
  outcomeNotRecorded:
    'The backup provider finished the operation but the result could not be recorded yet; it will be recorded when the database is back',
  interruptedBackup:
    'The management server running this backup stopped before it finished, and the backup provider has no new restore point for the VM: the backup was not taken',
  interruptedBackupUnknown:
    'The management server running this backup stopped before it finished, and the backup provider cannot tell whether the backup was taken; it is not recorded',
  interruptedDelete:
    'The management server running this deletion stopped before it finished, and the backup still exists on the provider; delete it again',
  interruptedDeleteUnknown:
    'The management server running this deletion stopped before it finished, and the backup provider cannot tell whether the backup was deleted; it is still listed, delete it again',
  interruptedRestore:
    'The management server running this restore stopped before it finished; the VM may be partly restored. Check the VM and restore it again if needed',
  interruptedRestoreVolume:
    'The management server running this volume restore stopped before it finished; no volume was attached. Restore the volume again',
  interruptedCreateVm:
    'The management server creating this VM from a backup stopped before it finished; the new VM was removed. Create it again',
  createVmOtherZone:
    'Cross zone instance creation from a backup is not supported: the zone must be the backup\'s zone',
  createVmNoRootVolume: (backupUuid: string) =>
    `Backup ${backupUuid} records no ROOT volume, so no VM can be created from it`,
  createVmFailed: 'Failed to create an instance from the backup',
  interruptedAssign:
    'The management server running this assignment stopped before it finished; the VM is not assigned. Assign it again',
  interruptedRemove:
    'The management server running this removal stopped before it finished; the VM is still assigned. Remove it again',
} as const;
