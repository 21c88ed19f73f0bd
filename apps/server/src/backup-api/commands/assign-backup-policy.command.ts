import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  ASSIGNED_VM_ID_PARAM,
  BackupEventTypes,
  POLICY_ERA_SINCE,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { operationOptionsOf } from './operation-options';

/**
 * `assignBackupPolicy` (all roles, async): protects a VM of the caller (Running or Stopped, in an
 * enabled zone) under a policy of the same zone. The provider call and the mapping row commit or
 * roll back together.
 */
export function assignBackupPolicyCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'assignBackupPolicy',
    description: 'Assigns a VM to a backup policy',
    since: POLICY_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('AssignBackupPolicyCmd'),
    eventType: BackupEventTypes.assign,
    eventDescription: 'assigning VM to backup policy',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      ASSIGNED_VM_ID_PARAM,
      {
        name: 'policyid',
        type: 'uuid',
        entity: 'BackupPolicy',
        required: true,
        related: ['listBackupPolicies'],
        description: 'ID of the backup policy',
      },
    ],
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      await manager.assignPolicy(
        caller,
        { vmId: params.virtualmachineid, policyId: params.policyid },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    },
  });
}
