import { type AnyCommandDefinition } from '../../api/command-definition';
import { assignBackupPolicyCommand } from './assign-backup-policy.command';
import { assignVirtualMachineToBackupOfferingCommand } from './assign-virtual-machine-to-backup-offering.command';
import { deleteBackupOfferingCommand } from './delete-backup-offering.command';
import { importBackupOfferingCommand } from './import-backup-offering.command';
import { listBackupOfferingsCommand } from './list-backup-offerings.command';
import { listBackupProviderOfferingsCommand } from './list-backup-provider-offerings.command';
import { removeVirtualMachineFromBackupOfferingCommand } from './remove-virtual-machine-from-backup-offering.command';
import { updateBackupOfferingCommand } from './update-backup-offering.command';
import { type BackupCommandDeps } from './backup-command-deps';
import { createBackupCommand } from './create-backup.command';
import { createVmFromBackupCommand } from './create-vm-from-backup.command';
import { deleteBackupCommand } from './delete-backup.command';
import { deleteBackupPolicyCommand } from './delete-backup-policy.command';
import { importBackupPolicyCommand } from './import-backup-policy.command';
import { listBackupPoliciesCommand } from './list-backup-policies.command';
import { listBackupPolicyVmMappingsCommand } from './list-backup-policy-vm-mappings.command';
import { listBackupProviderDiagnosticsCommand } from './list-backup-provider-diagnostics.command';
import { listBackupProvidersCommand } from './list-backup-providers.command';
import { listBackupsCommand } from './list-backups.command';
import { removeVmFromBackupPolicyCommand } from './remove-vm-from-backup-policy.command';
import { restoreBackupCommand } from './restore-backup.command';
import { restoreBackupVolumeCommand } from './restore-backup-volume.command';
import { restoreVolumeFromBackupAndAttachToVmCommand } from './restore-volume-from-backup-and-attach.command';
import { scheduleCommands } from '../schedules/schedule-commands';

/**
 * Every backup API command, in the order of CloudStack's policy-era `getCommands()` (spec §0),
 * then the later policy-era commands, the CSBR diagnostics extension and CloudStack 4.22's
 * offering-era names over the same records.
 */
export function backupCommands(deps: BackupCommandDeps): readonly AnyCommandDefinition[] {
  return [
    listBackupProvidersCommand(deps),
    listBackupPoliciesCommand(deps),
    importBackupPolicyCommand(deps),
    assignBackupPolicyCommand(deps),
    deleteBackupPolicyCommand(deps),
    listBackupsCommand(deps),
    restoreBackupCommand(deps),
    restoreBackupVolumeCommand(deps),
    restoreVolumeFromBackupAndAttachToVmCommand(deps),
    createVmFromBackupCommand(deps),
    removeVmFromBackupPolicyCommand(deps),
    listBackupPolicyVmMappingsCommand(deps),
    createBackupCommand(deps),
    deleteBackupCommand(deps),
    listBackupProviderDiagnosticsCommand(deps),
    listBackupProviderOfferingsCommand(deps),
    importBackupOfferingCommand(deps),
    listBackupOfferingsCommand(deps),
    updateBackupOfferingCommand(deps),
    deleteBackupOfferingCommand(deps),
    assignVirtualMachineToBackupOfferingCommand(deps),
    removeVirtualMachineFromBackupOfferingCommand(deps),
    ...scheduleCommands(deps),
  ];
}
