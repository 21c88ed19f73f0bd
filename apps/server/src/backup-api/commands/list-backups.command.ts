import { defineCommand } from '../../api/command-definition';
import { accountScopeParams, listParams } from '../../api/common-params';
import { asksForProjectResources, projectIdParam } from '../../api/scope';
import { BACKUP_RESPONSE_FIELDS, toBackupResponse } from '../responses/backup-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, OFFERING_ERA_SINCE, userCommandClass } from './backup-command-constants';

/**
 * `listBackups` (all roles, sync): non-removed backups filtered by id, VM, zone, offering, name and
 * keyword (backup or VM name, as CloudStack 4.21+), within CloudStack's account scoping, paged in
 * SQL. `listvmdetails=true` adds each backup's `vmdetails`.
 */
export function listBackupsCommand({ manager, scopes, vmDetails }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackups',
    description: 'Lists VM backups',
    since: OFFERING_ERA_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('ListBackupsCmd'),
    params: [
      ...listParams(),
      ...accountScopeParams(),
      projectIdParam(),
      { name: 'id', type: 'uuid', entity: 'Backup', description: 'id of the backup' },
      {
        name: 'virtualmachineid',
        type: 'uuid',
        entity: 'VirtualMachine',
        related: ['listVirtualMachines'],
        description: 'id of the VM',
      },
      { name: 'zoneid', type: 'uuid', entity: 'Zone', related: ['listZones'], description: 'list backups by zone id' },
      {
        name: 'backupofferingid',
        type: 'uuid',
        entity: 'BackupOffering',
        since: '4.21.0',
        related: ['listBackupOfferings'],
        description: 'list backups by backup offering',
      },
      { name: 'name', type: 'string', since: '4.21.0', description: 'list backups by name' },
      { name: 'listvmdetails', type: 'boolean', since: '4.21.0', description: 'list backups with VM details' },
    ],
    response: { objectName: 'backup', fields: BACKUP_RESPONSE_FIELDS },
    handler: async (context) => {
      const { caller, params, paging } = context;
      if (asksForProjectResources(context)) return { kind: 'list', objectName: 'backup', items: [], total: 0 };
      const scope = await scopes.resolve(context);
      const page = await manager.listBackups(
        caller,
        {
          ...(params.id === undefined ? {} : { id: params.id }),
          ...(params.virtualmachineid === undefined ? {} : { vmId: params.virtualmachineid }),
          ...(params.zoneid === undefined ? {} : { zoneId: params.zoneid }),
          ...(params.backupofferingid === undefined ? {} : { policyId: params.backupofferingid }),
          ...(params.name === undefined ? {} : { name: params.name }),
          ...(params.keyword === undefined || params.keyword === '' ? {} : { keyword: params.keyword }),
          scope,
        },
        paging,
      );
      // Only "true" asks for them (CloudStack's Boolean.TRUE.equals(listVmDetails)).
      const details = params.listvmdetails === true ? await vmDetails.detailsOf(page.items.map((item) => item.id)) : undefined;
      return {
        kind: 'list',
        objectName: 'backup',
        items: page.items.map((item) => toBackupResponse(item, details === undefined ? undefined : (details.get(item.id) ?? {}))),
        total: page.total,
      };
    },
  });
}
