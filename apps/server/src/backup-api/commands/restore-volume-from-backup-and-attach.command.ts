import { defineCommand } from '../../api/command-definition';
import { type BackupCommandDeps } from './backup-command-deps';
import {
  ALL_ROLES,
  BackupEventTypes,
  SUCCESS_RESPONSE_FIELDS,
  userCommandClass,
} from './backup-command-constants';
import { operationOptionsOf } from './operation-options';
import { restoreVolumeParams } from './restore-volume-params';

/**
 * `restoreVolumeFromBackupAndAttachToVM` (all roles, async, CloudStack 4.14 to 4.22): the released
 * name of the seed's `restoreBackupVolume`. Same rules and manager call; 4.22's parameter names
 * (`backupid` instead of `id`) and 4.22's `{"success":true}` result instead of the volume.
 */
export function restoreVolumeFromBackupAndAttachToVmCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'restoreVolumeFromBackupAndAttachToVM',
    description: 'Restore and attach a backed up volume to VM',
    since: '4.14.0',
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('RestoreVolumeFromBackupAndAttachToVMCmd'),
    eventType: BackupEventTypes.restoreVolume,
    eventDescription: 'restoring volume from backup and attaching it to VM',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: restoreVolumeParams('backupid'),
    response: { fields: SUCCESS_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      await manager.restoreBackupVolume(
        caller,
        { backupId: params.backupid, volumeUuid: params.volumeid, vmId: params.virtualmachineid },
        operationOptionsOf(context),
      );
      return { kind: 'success' };
    },
  });
}
