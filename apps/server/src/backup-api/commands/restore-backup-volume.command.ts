import { defineCommand } from '../../api/command-definition';
import {
  RESTORED_VOLUME_RESPONSE_FIELDS,
  toRestoredVolumeResponse,
} from '../responses/restored-volume-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, BackupEventTypes, POLICY_ERA_SINCE, userCommandClass } from './backup-command-constants';
import { operationOptionsOf } from './operation-options';
import { restoreVolumeParams } from './restore-volume-params';

/**
 * `restoreBackupVolume` (all roles, async): restores one volume recorded in the backup and attaches
 * it to a VM of the same zone as a new data disk. Result `{"volume":{…}}`.
 */
export function restoreBackupVolumeCommand({ manager, repositories }: BackupCommandDeps) {
  return defineCommand({
    name: 'restoreBackupVolume',
    description: 'Restore and attach a backed up volume to VM',
    since: POLICY_ERA_SINCE,
    isAsync: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('RestoreBackupVolumeCmd'),
    eventType: BackupEventTypes.restoreVolume,
    eventDescription: 'restoring volume from backup and attaching it to VM',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: restoreVolumeParams('id'),
    response: { objectName: 'volume', fields: RESTORED_VOLUME_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params, rawParams } = context;
      const volume = await manager.restoreBackupVolume(
        caller,
        { backupId: params.id, volumeUuid: params.volumeid, vmId: params.virtualmachineid },
        operationOptionsOf(context),
      );
      const zone = await repositories.zones.findById(volume.zoneId);
      return {
        kind: 'object',
        objectName: 'volume',
        item: toRestoredVolumeResponse(volume, zone, rawParams.virtualmachineid ?? ''),
      };
    },
  });
}
