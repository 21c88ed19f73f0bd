import { BackupError } from '@csbr/framework';

import { defineCommand } from '../../api/command-definition';
import { toBackupResponse, BACKUP_RESPONSE_FIELDS } from '../responses/backup-response';
import { type BackupCommandDeps } from '../commands/backup-command-deps';
import { ADMIN_ONLY, adminCommandClass } from '../commands/backup-command-constants';
import { operationOptionsOf } from '../commands/operation-options';
import { RUN_BACKUP_SCHEDULE, ScheduleEventTypes } from './schedule-command-constants';

/**
 * `runBackupSchedule` (CSBR extension, root admin, async): one run of a schedule now, the job the
 * scheduler submits for each due schedule (as the VM owner, like CloudStack's scheduled
 * `createBackup` job). It takes the backup through the normal guarded `createBackup` with the
 * schedule's `quiescevm`, then applies `maxbackups` retention. Its `BACKUP.CREATE` events and a
 * failed job are recorded for the VM and its owner.
 */
export function runBackupScheduleCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: RUN_BACKUP_SCHEDULE,
    description: 'Runs a VM backup schedule now (CSBR extension; the backup scheduler submits it for each due schedule)',
    since: '4.22.0',
    isAsync: true,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('RunBackupScheduleCmd'),
    eventType: ScheduleEventTypes.create,
    eventDescription: 'creating scheduled VM backup',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    eventResource: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      { name: 'id', type: 'uuid', required: true, description: 'ID of the backup schedule' },
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        required: true,
        related: ['listVirtualMachines'],
        description: 'ID of the VM of the schedule',
      },
    ],
    response: { objectName: 'backup', fields: BACKUP_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params } = context;
      const found = await manager.listSchedules(
        caller,
        { uuid: params.id, vmId: params.virtualmachineid, scope: { kind: 'all' } },
        { offset: 0, limit: 1 },
      );
      const schedule = found.items[0];
      if (schedule === undefined) {
        throw new BackupError('NOT_FOUND', `Could not find backup schedule with ID: ${params.id}`);
      }
      const run = await manager.runSchedule(caller, schedule.id, operationOptionsOf(context));
      if (run.backup === undefined) return { kind: 'success' };
      const view = await manager.listBackups(caller, { id: run.backup.id, scope: { kind: 'all' } }, { offset: 0, limit: 1 });
      const item = view.items[0];
      return item === undefined ? { kind: 'success' } : { kind: 'object', objectName: 'backup', item: toBackupResponse(item) };
    },
  });
}
