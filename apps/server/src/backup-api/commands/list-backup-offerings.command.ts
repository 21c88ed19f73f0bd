import { defineCommand } from '../../api/command-definition';
import { listParams } from '../../api/common-params';
import {
  BACKUP_OFFERING_RESPONSE_FIELDS,
  toBackupOfferingResponse,
} from '../responses/backup-offering-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, OFFERING_ERA_SINCE, userCommandClass } from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';

/**
 * `listBackupOfferings` (all roles, sync): the imported offerings (= policies). Users see every
 * offering, including those without user-driven backups (CloudStack's fix of the 4.20 filter).
 */
export function listBackupOfferingsCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupOfferings',
    description: 'Lists backup offerings',
    since: OFFERING_ERA_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('ListBackupOfferingsCmd'),
    params: [
      ...listParams(),
      { name: 'id', type: 'uuid', entity: 'BackupOffering', description: 'The backup offering ID' },
      { name: 'zoneid', type: 'uuid', entity: 'Zone', related: ['listZones'], description: 'The zone ID' },
    ],
    response: { objectName: 'backupoffering', fields: BACKUP_OFFERING_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async ({ caller, params, paging }) => {
      const page = await manager.listPolicies(
        caller,
        {
          ...(params.id === undefined ? {} : { id: params.id }),
          ...(params.zoneid === undefined ? {} : { zoneId: params.zoneid }),
          ...(params.keyword === undefined || params.keyword === '' ? {} : { keyword: params.keyword }),
        },
        paging,
      );
      return {
        kind: 'list',
        objectName: 'backupoffering',
        items: page.items.map(toBackupOfferingResponse),
        total: page.total,
      };
    }),
  });
}
