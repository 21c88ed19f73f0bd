import { defineCommand } from '../../api/command-definition';
import { accountScopeParams, listParams } from '../../api/common-params';
import {
  POLICY_VM_MAPPING_RESPONSE_FIELDS,
  toPolicyVmMappingResponse,
} from '../responses/policy-vm-mapping-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, POLICY_ERA_SINCE, userCommandClass } from './backup-command-constants';

/**
 * `listBackupPolicyVMMappings` (all roles, sync): which VM is protected by which policy, filtered
 * by VM, policy or zone, within the caller's account scope, paged in SQL.
 */
export function listBackupPolicyVmMappingsCommand({ manager, scopes }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupPolicyVMMappings',
    description: 'Lists the mappings between VMs and backup policies',
    since: POLICY_ERA_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('ListBackupPolicyVMMappingsCmd'),
    params: [
      ...listParams(),
      ...accountScopeParams(),
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        related: ['listVirtualMachines'],
        description: 'ID of the virtual machine',
      },
      {
        name: 'policyid',
        type: 'uuid',
        entity: 'BackupPolicy',
        related: ['listBackupPolicies'],
        description: 'ID of the backup policy',
      },
      { name: 'zoneid', type: 'uuid', entity: 'Zone', related: ['listZones'], description: 'The zone ID' },
    ],
    response: { objectName: 'backuppolicyvmmap', fields: POLICY_VM_MAPPING_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params, paging } = context;
      // Naming one VM is asking for one resource: admins see its mapping whoever owns it.
      const scope = await scopes.resolve(context, 'virtualmachineid');
      const page = await manager.listMappings(
        caller,
        {
          ...(params.virtualmachineid === undefined ? {} : { vmId: params.virtualmachineid }),
          ...(params.policyid === undefined ? {} : { policyId: params.policyid }),
          ...(params.zoneid === undefined ? {} : { zoneId: params.zoneid }),
        },
        scope,
        paging,
      );
      return {
        kind: 'list',
        objectName: 'backuppolicyvmmap',
        items: page.items.map(toPolicyVmMappingResponse),
        total: page.total,
      };
    },
  });
}
