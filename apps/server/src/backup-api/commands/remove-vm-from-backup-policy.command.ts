import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  BackupEventTypes,
  POLICY_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { operationOptionsOf } from './operation-options';
import { removeVmParams } from './remove-vm-params';

/**
 * `removeVMFromBackupPolicy` (all roles, async): stops protecting the VM. With a provider that
 * deletes backups on removal (dummy), `forced=true` is required and the VM's backups go too.
 */
export function removeVmFromBackupPolicyCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'removeVMFromBackupPolicy',
    description: 'Removes a VM from its backup policy',
    since: POLICY_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('RemoveVMFromBackupPolicyCmd'),
    eventType: BackupEventTypes.remove,
    eventDescription: 'removing VM from backup policy',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: removeVmParams('backup policy'),
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      await manager.removeVmFromPolicy(
        caller,
        { vmId: params.virtualmachineid, forced: params.forced === true },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    },
  });
}
