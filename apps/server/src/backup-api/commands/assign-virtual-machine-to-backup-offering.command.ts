import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  ASSIGNED_VM_ID_PARAM,
  BackupEventTypes,
  OFFERING_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';
import { operationOptionsOf } from './operation-options';

/** `assignVirtualMachineToBackupOffering` (all roles, async): `assignBackupPolicy` under its released name. */
export function assignVirtualMachineToBackupOfferingCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'assignVirtualMachineToBackupOffering',
    description: 'Assigns a VM to a backup offering',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('AssignVirtualMachineToBackupOfferingCmd'),
    eventType: BackupEventTypes.assign,
    eventDescription: 'assigning VM to backup offering',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      ASSIGNED_VM_ID_PARAM,
      {
        name: 'backupofferingid',
        type: 'uuid',
        entity: 'BackupOffering',
        required: true,
        related: ['listBackupOfferings'],
        description: 'ID of the backup offering',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async (context) => {
      const { caller, params } = context;
      await manager.assignPolicy(
        caller,
        { vmId: params.virtualmachineid, policyId: params.backupofferingid },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    }),
  });
}
