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
  providerUnavailableForZone: (zoneId: string) =>
    `Backup provider not available or configured for zone ID ${zoneId}`,

  externalRequiresRootAdmin:
    'Parameter external can only be specified by a Root Admin, permission denied',
  importRequiresRootAdmin: 'Only a Root Admin can import a backup policy, permission denied',
  deleteRequiresRootAdmin: 'Only a Root Admin can delete a backup policy, permission denied',
  listExternalFailed: 'Failed to list the backup policies of the provider',

  policyExternalIdExists: (externalId: string) =>
    `A backup policy with external ID ${externalId} already exists`,
  policyNameExists: 'A backup policy with the same name already exists in this zone',
  policyNotOnProvider: (externalId: string, provider: string, zoneId: string) =>
    `Policy ${externalId} does not exist on provider ${provider} on zone ${zoneId}`,
  policyCreateFailed: (externalId: string, name: string) =>
    `Unable to create backup policy: ${externalId}, name: ${name}`,
  policyNotFoundForDelete: (policyId: string) =>
    `Could not find a backup policy with id: ${policyId}`,
  policyInUse:
    'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
  policyDeleteFailed: (policyId: string) => `Unable to remove backup policy: ${policyId}`,
  policyDoesNotExist: (policyId: string) => `Policy ${policyId} does not exist`,

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

  backupDoesNotExist: (backupId: string) => `Backup ${backupId} does not exist`,
  vmNotFoundIncludingRemoved: (vmId: string) =>
    `VM ID ${vmId} couldn't be found on existing or removed VMs`,
  vmMustBeStopped: 'Existing VM should be stopped before being restored from backup',
  backupPolicyNotFound: 'Failed to find backup policy of the VM backup',
  restoreFailed: (backupId: string) => `Error restoring VM from backup ID ${backupId}`,

  invalidVolumeId: 'Invalid volume ID passed',
  providedBackupNotFound: 'Provided backup not found',
  providedVmNotFound: 'Provided VM not found',
  crossZoneVolumeRestore: 'Cross zone backup restoration of volume is not allowed',
  sourceVmNotFound: 'VM reference for the provided VM backup not found',
  volumeNotInBackup: (volumeUuid: string) =>
    `Failed to find volume in the backedup volumes of ID ${volumeUuid}`,
  restoreVolumeFailed: (volumeUuid: string) => `Error restoring volume ${volumeUuid}`,

  vmDoesNotExist: (vmId: string) => `VM ${vmId} does not exist`,
  deleteBackupFailed: 'Failed to delete the backup',
} as const;
