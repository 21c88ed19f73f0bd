import { defineCommand } from '../../api/command-definition';
import { objectResult } from '../../api/command-results';
import { invalidParameter } from '../../api/errors/cloudstack-exceptions';
import { assertValidVmName, isValidVmName } from '../../inventory/vms/vm-name';
import { toVmResponse, VM_RESPONSE } from '../../inventory/vms/vm-view';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, BackupEventTypes, userCommandClass } from './backup-command-constants';
import { operationOptionsOf } from './operation-options';

/**
 * `createVMFromBackup` (all roles, async, CloudStack 4.21): creates a new VM, owned by the caller,
 * from the details recorded with the backup (its volumes with their types and sizes, the
 * hypervisor) and has the zone's provider restore the backup into it. Answers `{"virtualmachine":…}`
 * as `listVirtualMachines` shows the VM.
 *
 * Of BaseDeployVMCmd's parameters csbr uses `zoneid` (the backup's zone), `name`, `displayname` and
 * `startvm`; the offering, template and network parameters are accepted and ignored, because the
 * inventory has none of them (the new VM takes the backup's shape). A provider that cannot create
 * VMs from backups is refused before anything is recorded; when the restore fails, the new VM is
 * removed again (as CloudStack expunges it), so no half-made VM is listed.
 */
export function createVmFromBackupCommand({ manager, vms }: BackupCommandDeps) {
  return defineCommand({
    name: 'createVMFromBackup',
    description:
      'Creates and automatically starts a VM from a backup. csbr records the VM from the backed-up volumes and restores the backup into it through the provider.',
    since: '4.21.0',
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('CreateVMFromBackupCmd'),
    eventType: BackupEventTypes.createVmFromBackup,
    eventDescription: 'creating VM from backup',
    jobInstance: { type: 'VirtualMachine' },
    params: [
      {
        name: 'backupid',
        type: 'uuid',
        entity: 'Backup',
        required: true,
        related: ['listBackups'],
        description: 'backup ID to create the VM from',
      },
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        required: true,
        related: ['listZones'],
        description: 'availability zone for the virtual machine',
      },
      { name: 'name', type: 'string', description: 'host name for the virtual machine' },
      { name: 'displayname', type: 'string', description: 'an optional user generated name for the virtual machine' },
      {
        name: 'startvm',
        type: 'boolean',
        description: 'true by default - start the VM once the backup is restored; false to leave it Stopped',
      },
      {
        name: 'serviceofferingid',
        type: 'uuid',
        description: 'accepted for compatibility and ignored: csbr has no service offerings',
      },
      { name: 'templateid', type: 'uuid', description: 'accepted for compatibility and ignored: csbr has no templates' },
      {
        name: 'preserveip',
        type: 'boolean',
        description: 'accepted for compatibility and ignored: csbr records no networks',
      },
    ],
    response: VM_RESPONSE,
    handler: async (context) => {
      const { caller, params } = context;
      if (params.name !== undefined) assertValidVmName(params.name);
      // As deployVirtualMachine: without a name, the display name when it is a valid host name.
      const name =
        params.name ??
        (params.displayname !== undefined && isValidVmName(params.displayname) ? params.displayname : undefined);
      const vm = await manager.createVmFromBackup(
        caller,
        {
          backupId: params.backupid,
          zoneId: params.zoneid,
          ...(name === undefined ? {} : { name }),
          ...(params.displayname === undefined ? {} : { displayName: params.displayname }),
        },
        operationOptionsOf(context),
      );
      const view = params.startvm === false ? await vms.findView(vm.id) : await vms.start(caller, vm.id);
      if (view === undefined) throw invalidParameter('Unable to find virtual machine with specified id');
      return objectResult('virtualmachine', toVmResponse(view, caller));
    },
  });
}
