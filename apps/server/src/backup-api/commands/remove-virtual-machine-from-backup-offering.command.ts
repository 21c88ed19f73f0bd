import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  BackupEventTypes,
  OFFERING_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';
import { operationOptionsOf } from './operation-options';
import { removeVmParams } from './remove-vm-params';

/** `removeVirtualMachineFromBackupOffering` (all roles, async): `removeVMFromBackupPolicy` under its released name. */
export function removeVirtualMachineFromBackupOfferingCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'removeVirtualMachineFromBackupOffering',
    description: 'Removes a VM from any existing backup offering',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('RemoveVirtualMachineFromBackupOfferingCmd'),
    eventType: BackupEventTypes.remove,
    eventDescription: 'removing VM from backup offering',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: removeVmParams('backup offering'),
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async (context) => {
      const { caller, params } = context;
      await manager.removeVmFromPolicy(
        caller,
        { vmId: params.virtualmachineid, forced: params.forced === true },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    }),
  });
}
