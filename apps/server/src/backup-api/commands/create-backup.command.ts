import { defineCommand } from '../../api/command-definition';
import { BACKUP_RESPONSE_FIELDS, toBackupResponse } from '../responses/backup-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, BackupEventTypes, OFFERING_ERA_SINCE, userCommandClass } from './backup-command-constants';
import { operationOptionsOf } from './operation-options';

/**
 * `createBackup` (all roles, async create-style as CloudStack's `BaseAsyncCreateCmd`): takes an
 * ad-hoc backup of an assigned VM. `create()` does nothing but name the VM (CloudStack's entity is
 * the VM), so the immediate reply is `{id: <vm uuid>, jobid}`. The job's result is the recorded
 * backup, or `{"success":true}` when the provider reports it later (the sync task records it).
 */
export function createBackupCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'createBackup',
    description: 'Create VM backup',
    since: OFFERING_ERA_SINCE,
    isAsync: true,
    isCreate: true,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('CreateBackupCmd'),
    eventType: BackupEventTypes.create,
    eventDescription: 'creating VM backup',
    jobInstance: { type: 'VirtualMachine', param: 'virtualmachineid' },
    params: [
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        required: true,
        related: ['listVirtualMachines'],
        description: 'ID of the VM',
      },
      { name: 'name', type: 'string', since: '4.21.0', description: 'the name of the backup' },
      { name: 'description', type: 'string', since: '4.21.0', description: 'the description for the backup' },
      {
        name: 'quiescevm',
        type: 'boolean',
        since: '4.21.0',
        description: 'Quiesce the instance before checkpointing the disks for backup',
      },
    ],
    response: { objectName: 'backup', fields: BACKUP_RESPONSE_FIELDS },
    create: ({ params, rawParams }) =>
      Promise.resolve({ id: rawParams.virtualmachineid ?? '', internalId: params.virtualmachineid }),
    handler: async (context) => {
      const { caller, params } = context;
      const backup = await manager.createBackup(
        caller,
        {
          vmId: params.virtualmachineid,
          ...(params.name === undefined || params.name === '' ? {} : { name: params.name }),
          ...(params.description === undefined ? {} : { description: params.description }),
          ...(params.quiescevm === undefined ? {} : { quiesce: params.quiescevm }),
        },
        operationOptionsOf(context),
      );
      if (backup === undefined) return { kind: 'success' };
      // The manager already checked access to the VM; read the row back with its names. By id
      // there is one row at most, so no limit: the whole answer is that row, and nothing is counted.
      const view = await manager.listBackups(caller, { id: backup.id, scope: { kind: 'all' } }, { offset: 0 });
      const item = view.items[0];
      return item === undefined
        ? { kind: 'success' }
        : { kind: 'object', objectName: 'backup', item: toBackupResponse(item) };
    },
  });
}
