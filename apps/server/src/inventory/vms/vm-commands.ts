import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult } from '../../api/command-results';
import { accountScopeParams, listParams } from '../../api/common-params';
import { type AccountScopeResolver } from '../../api/scope/account-scope-resolver';
import { invalidParameter } from '../../api/errors/cloudstack-exceptions';
import { toVmResponse, VM_RESPONSE } from './vm-view';
import { type VmsService } from './vms.service';

const DEFAULT_ROOT_DISK_GIB = 8;
const VM_CMD_PACKAGE = 'org.apache.cloudstack.api.command.user.vm';

const vmIdParam = {
  name: 'id',
  type: 'uuid',
  entity: 'VirtualMachine',
  required: true,
  related: ['listVirtualMachines'],
  description: 'The ID of the virtual machine',
} as const;

/** `deployVirtualMachine`, `listVirtualMachines`, `startVirtualMachine`, `stopVirtualMachine`, `destroyVirtualMachine`. */
export function vmCommands(vms: VmsService, scopes: AccountScopeResolver): AnyCommandDefinition[] {
  const deployVirtualMachine = defineCommand({
    name: 'deployVirtualMachine',
    description:
      "Creates and automatically starts a virtual machine based on a service offering, disk offering, and template. csbr records the VM as CloudStack's Simulator hypervisor does (no hypervisor is driven): a ROOT volume and, with size, one data disk.",
    isAsync: true,
    isCreate: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VM.CREATE',
    eventDescription: 'deploying Vm',
    className: `${VM_CMD_PACKAGE}.DeployVMCmd`,
    jobInstance: { type: 'VirtualMachine' },
    related: ['listVirtualMachines', 'startVirtualMachine', 'stopVirtualMachine', 'destroyVirtualMachine'],
    params: [
      { name: 'zoneid', type: 'uuid', entity: 'Zone', required: true, related: ['listZones'], description: 'availability zone for the virtual machine' },
      { name: 'name', type: 'string', description: 'host name for the virtual machine' },
      { name: 'displayname', type: 'string', description: 'an optional user generated name for the virtual machine; csbr uses it as the host name when name is not given' },
      { name: 'account', type: 'string', description: 'an optional account for the virtual machine. Must be used with domainId.' },
      { name: 'domainid', type: 'uuid', entity: 'Domain', related: ['listDomains'], description: 'an optional domainId for the virtual machine. If the account parameter is used, domainId must also be used.' },
      { name: 'serviceofferingid', type: 'uuid', description: 'accepted for compatibility and ignored: csbr has no service offerings' },
      { name: 'templateid', type: 'uuid', description: 'accepted for compatibility and ignored: csbr has no templates' },
      { name: 'diskofferingid', type: 'uuid', description: 'accepted for compatibility and ignored: csbr has no disk offerings (use size for a data disk)' },
      { name: 'rootdisksize', type: 'long', description: 'Optional field to resize root disk on deploy. Value is in GB (8 when left out).' },
      { name: 'size', type: 'long', description: 'the size of a data disk to attach, in GB' },
      { name: 'startvm', type: 'boolean', description: 'true by default - deploy and start the VM; false to leave it Stopped' },
    ],
    response: VM_RESPONSE,
    create: async ({ params, caller }) => {
      const recorded = await vms.deploy(caller, {
        zoneId: params.zoneid,
        name: params.name,
        displayName: params.displayname,
        accountName: params.account,
        domainId: params.domainid,
        rootDiskGib: params.rootdisksize ?? DEFAULT_ROOT_DISK_GIB,
        dataDiskGib: params.size,
      });
      return { id: recorded.uuid, internalId: recorded.id };
    },
    handler: async ({ params, caller, created }) => {
      const vmId = created?.internalId;
      if (vmId === undefined) throw new Error('deployVirtualMachine ran without the VM its create() recorded');
      const view = params.startvm === false ? await vms.findView(vmId) : await vms.start(caller, vmId);
      if (view === undefined) throw invalidParameter('Unable to find virtual machine with specified id');
      return objectResult('virtualmachine', toVmResponse(view, caller));
    },
  });

  const listVirtualMachines = defineCommand({
    name: 'listVirtualMachines',
    description:
      'List the virtual machines owned by the account, with their backup policy (backuppolicyid, backuppolicyname).',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    related: ['deployVirtualMachine'],
    params: [
      ...listParams(),
      ...accountScopeParams(),
      { name: 'id', type: 'uuid', entity: 'VirtualMachine', description: 'the ID of the virtual machine' },
      { name: 'ids', type: 'list', collectionType: 'uuid', entity: 'VirtualMachine', description: 'the IDs of the virtual machines, mutually exclusive with id' },
      { name: 'name', type: 'string', description: 'name of the virtual machine (a value of this parameter is matched exactly)' },
      { name: 'state', type: 'string', description: 'state of the virtual machine. Possible values are: Running, Stopped, Destroyed, Expunging.' },
      { name: 'zoneid', type: 'uuid', entity: 'Zone', related: ['listZones'], description: 'the availability zone ID' },
      { name: 'backuppolicyid', type: 'uuid', entity: 'BackupPolicy', description: 'list VMs protected by this backup policy' },
      { name: 'backupofferingid', type: 'uuid', entity: 'BackupOffering', description: 'The ID of the backup offering to filter the virtual machines' },
      { name: 'details', type: 'list', description: 'accepted for compatibility and ignored' },
    ],
    response: VM_RESPONSE,
    handler: async (context) => {
      const { params, caller, paging } = context;
      const ids = params.id !== undefined ? [params.id, ...(params.ids ?? [])] : params.ids;
      // Both vocabularies name the same policy; two different ones match no VM.
      const policyId = params.backupofferingid ?? params.backuppolicyid;
      if (params.backuppolicyid !== undefined && policyId !== params.backuppolicyid) {
        return listResult('virtualmachine', { items: [], total: 0 });
      }
      const page = await vms.list(
        caller,
        {
          ids,
          name: params.name,
          state: params.state,
          zoneId: params.zoneid,
          policyId,
          keyword: params.keyword,
          scope: await scopes.resolve(context),
        },
        paging,
      );
      return listResult('virtualmachine', { items: page.items.map((view) => toVmResponse(view, caller)), total: page.total });
    },
  });

  const startVirtualMachine = defineCommand({
    name: 'startVirtualMachine',
    description: 'Starts a virtual machine.',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VM.START',
    eventDescription: 'starting Vm',
    className: `${VM_CMD_PACKAGE}.StartVMCmd`,
    jobInstance: { type: 'VirtualMachine', param: 'id' },
    params: [vmIdParam],
    response: VM_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult('virtualmachine', toVmResponse(await vms.start(caller, params.id), caller)),
  });

  const stopVirtualMachine = defineCommand({
    name: 'stopVirtualMachine',
    description: 'Stops a virtual machine.',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VM.STOP',
    eventDescription: 'stopping Vm',
    className: `${VM_CMD_PACKAGE}.StopVMCmd`,
    jobInstance: { type: 'VirtualMachine', param: 'id' },
    params: [vmIdParam, { name: 'forced', type: 'boolean', description: 'accepted for compatibility; stopping is immediate in csbr' }],
    response: VM_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult('virtualmachine', toVmResponse(await vms.stop(caller, params.id), caller)),
  });

  const destroyVirtualMachine = defineCommand({
    name: 'destroyVirtualMachine',
    description:
      'Destroys a virtual machine. Destroyed VMs stay listed for admins until expunged; expunge=true (admins) removes the VM and its ROOT volume and detaches its data disks.',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'VM.DESTROY',
    eventDescription: 'destroying Vm',
    className: `${VM_CMD_PACKAGE}.DestroyVMCmd`,
    jobInstance: { type: 'VirtualMachine', param: 'id' },
    params: [
      vmIdParam,
      { name: 'expunge', type: 'boolean', authorized: ['Admin'], description: 'If true is passed, the vm is expunged immediately. False by default.' },
    ],
    response: VM_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult('virtualmachine', toVmResponse(await vms.destroy(caller, params.id, params.expunge === true), caller)),
  });

  return [deployVirtualMachine, listVirtualMachines, startVirtualMachine, stopVirtualMachine, destroyVirtualMachine];
}
