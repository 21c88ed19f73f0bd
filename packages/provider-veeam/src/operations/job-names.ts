import { type VirtualMachine } from '@csbr/framework';

/**
 * CloudStack's marker for the per-VM jobs it creates (`<instanceName>-CSBKP-<vmUuid>`): they are
 * hidden from the policy list, and their name (which Veeam gives their backup too) says which VM
 * a backup or restore point belongs to.
 */
export const VM_JOB_MARKER = '-CSBKP-';

export function vmJobName(vm: Pick<VirtualMachine, 'instanceName' | 'uuid'>): string {
  return `${vm.instanceName}${VM_JOB_MARKER}${vm.uuid}`;
}

export function isVmJobName(name: string): boolean {
  return name.includes(VM_JOB_MARKER);
}

/** The VM a per-VM job or backup name belongs to, or undefined for any other name. */
export function parseVmJobName(name: string): { readonly instanceName: string; readonly vmUuid: string } | undefined {
  const at = name.lastIndexOf(VM_JOB_MARKER);
  if (at <= 0) return undefined;
  const vmUuid = name.slice(at + VM_JOB_MARKER.length).trim();
  if (vmUuid === '') return undefined;
  return { instanceName: name.slice(0, at), vmUuid };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Veeam ids are GUIDs: anything else names nothing, without asking Veeam. */
export function isVeeamId(value: string): boolean {
  return GUID.test(value);
}

export function idPath(id: string): string {
  return encodeURIComponent(id);
}
