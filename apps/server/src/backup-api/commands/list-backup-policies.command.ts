import { isRootAdmin } from '@csbr/framework/host';

import { type CommandResult, defineCommand } from '../../api/command-definition';
import { listParams } from '../../api/common-params';
import { ApiError } from '../../api/errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../../api/errors/api-error-codes';
import {
  BACKUP_POLICY_RESPONSE_FIELDS,
  toBackupPolicyResponse,
  toExternalPolicyResponse,
} from '../responses/backup-policy-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ALL_ROLES, POLICY_ERA_SINCE, userCommandClass } from './backup-command-constants';

/** CloudStack's text, trailing space included (`ListBackupProviderOfferingsCmd`). */
const ZONE_REQUIRED_MESSAGE = 'Please provide a valid zone ID ';

/**
 * `listBackupPolicies` (all roles, sync): the imported policies (id, zoneid, keyword, paging); with
 * `external=true` (root admin only) the zone provider's own catalogue instead, unpaged.
 */
export function listBackupPoliciesCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupPolicies',
    description: 'Lists backup policies',
    since: POLICY_ERA_SINCE,
    isAsync: false,
    allowedRoles: ALL_ROLES,
    className: userCommandClass('ListBackupPoliciesCmd'),
    params: [
      ...listParams(),
      { name: 'id', type: 'uuid', entity: 'BackupPolicy', description: 'The backup policy ID' },
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        related: ['listZones'],
        description: 'The zone ID',
      },
      {
        name: 'external',
        type: 'boolean',
        description: "List the policies of the zone's backup provider rather than the imported ones (root admin only)",
      },
    ],
    response: { objectName: 'backuppolicy', fields: BACKUP_POLICY_RESPONSE_FIELDS },
    handler: async ({ caller, params, rawParams, paging }): Promise<CommandResult> => {
      if (params.external === true) {
        // The root-admin rule comes first: a user learns nothing about zones from this call.
        if (isRootAdmin(caller) && params.zoneid === undefined) {
          throw new ApiError(ApiErrorCode.PARAM_ERROR, ZONE_REQUIRED_MESSAGE, {
            csErrorCode: CsErrorCode.SERVER_API_EXCEPTION,
          });
        }
        const external = await manager.listExternalPolicies(caller, params.zoneid ?? '');
        const zoneUuid = rawParams.zoneid ?? '';
        return {
          kind: 'list',
          objectName: 'backuppolicy',
          items: external.map((policy) => toExternalPolicyResponse(policy, zoneUuid)),
          total: external.length,
        };
      }
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
        objectName: 'backuppolicy',
        items: page.items.map(toBackupPolicyResponse),
        total: page.total,
      };
    },
  });
}
