import { defineCommand } from '../../api/command-definition';
import { accountScopeParams, listParams } from '../../api/common-params';
import { asksForProjectResources, projectIdParam } from '../../api/scope';
import { type BackupCommandDeps } from '../commands/backup-command-deps';
import { ALL_ROLES, userCommandClass } from '../commands/backup-command-constants';
import { BACKUP_SCHEDULE_OBJECT, BACKUP_SCHEDULE_RESPONSE_FIELDS, toBackupScheduleResponse } from './backup-schedule-response';
import { SCHEDULES_SINCE } from './schedule-command-constants';

/**
 * `listBackupSchedule` (all roles, sync; a list command since 4.20): schedules by VM or id, within
 * CloudStack's account scoping; `keyword` matches the VM name.
 */
export function listBackupScheduleCommand({ manager, scopes }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupSchedule',
    description: 'List backup schedule of a VM',
    since: SCHEDULES_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('ListBackupScheduleCmd'),
    params: [
      ...listParams(),
      ...accountScopeParams(),
      projectIdParam(),
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        related: ['listVirtualMachines'],
        description: 'ID of the VM',
      },
      { name: 'id', type: 'uuid', since: '4.22.0', description: 'ID of the backup schedule.' },
    ],
    response: { objectName: BACKUP_SCHEDULE_OBJECT, fields: BACKUP_SCHEDULE_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params, paging } = context;
      if (asksForProjectResources(context)) return { kind: 'list', objectName: BACKUP_SCHEDULE_OBJECT, items: [], total: 0 };
      const scope = await scopes.resolve(context);
      const page = await manager.listSchedules(
        caller,
        {
          ...(params.id === undefined ? {} : { uuid: params.id }),
          ...(params.virtualmachineid === undefined ? {} : { vmId: params.virtualmachineid }),
          ...(params.keyword === undefined || params.keyword === '' ? {} : { keyword: params.keyword }),
          scope,
        },
        paging,
      );
      return {
        kind: 'list',
        objectName: BACKUP_SCHEDULE_OBJECT,
        items: page.items.map(toBackupScheduleResponse),
        total: page.total,
      };
    },
  });
}
