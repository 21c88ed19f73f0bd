import { type PolicyVmMappingView } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';

/** `BackupPolicyVMMapResponse` (zoneid, policyid, virtualmachineid) plus their names. */
export function toPolicyVmMappingResponse(mapping: PolicyVmMappingView): object {
  return {
    zoneid: mapping.zoneUuid,
    zonename: mapping.zoneName,
    policyid: mapping.policyUuid,
    policyname: mapping.policyName,
    virtualmachineid: mapping.vmUuid,
    virtualmachinename: mapping.vmName,
  };
}

export const POLICY_VM_MAPPING_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'zoneid', type: 'string', description: 'zone id' },
  { name: 'zonename', type: 'string', description: 'zone name' },
  { name: 'policyid', type: 'string', description: 'backup policy id' },
  { name: 'policyname', type: 'string', description: 'backup policy name' },
  { name: 'virtualmachineid', type: 'string', description: 'virtual machine id' },
  { name: 'virtualmachinename', type: 'string', description: 'virtual machine name' },
];
