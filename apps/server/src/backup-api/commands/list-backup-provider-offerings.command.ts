import { defineCommand } from '../../api/command-definition';
import { listParams } from '../../api/common-params';
import {
  BACKUP_OFFERING_RESPONSE_FIELDS,
  toProviderOfferingResponse,
} from '../responses/backup-offering-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ADMIN_ONLY, adminCommandClass, OFFERING_ERA_SINCE } from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';
import { operationOptionsOf } from './operation-options';

/**
 * `listBackupProviderOfferings` (admin, sync): the zone provider's own catalogue, what
 * `listBackupPolicies external=true` shows. Not persisted and not paged, as in CloudStack.
 */
export function listBackupProviderOfferingsCommand({ manager, repositories }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupProviderOfferings',
    description: 'Lists external backup offerings of the provider',
    since: OFFERING_ERA_SINCE,
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('ListBackupProviderOfferingsCmd'),
    params: [
      ...listParams(),
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        required: true,
        related: ['listZones'],
        description: 'The zone ID',
      },
    ],
    response: { objectName: 'backupoffering', fields: BACKUP_OFFERING_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async (context) => {
      const { caller, params } = context;
      const offerings = await manager.listExternalPolicies(caller, params.zoneid, operationOptionsOf(context));
      const zone = await repositories.zones.findById(params.zoneid);
      const zoneRef = { uuid: zone?.uuid ?? context.rawParams.zoneid ?? '', name: zone?.name ?? '' };
      return {
        kind: 'list',
        objectName: 'backupoffering',
        items: offerings.map((offering) => toProviderOfferingResponse(offering, zoneRef)),
        total: offerings.length,
      };
    }),
  });
}
