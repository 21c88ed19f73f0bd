import { defineCommand } from '../../api/command-definition';
import { ApiError } from '../../api/errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../../api/errors/api-error-codes';
import {
  BACKUP_OFFERING_RESPONSE_FIELDS,
  toBackupOfferingResponse,
} from '../responses/backup-offering-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ADMIN_ONLY, adminCommandClass, BackupEventTypes } from './backup-command-constants';
import { inOfferingEraWords } from './offering-era-wording';

/**
 * CloudStack's text, verbatim: `UpdateBackupOfferingCmd` passes the rest of its sentence as the
 * format argument, so the list of parameters lands inside the brackets and the id is dropped.
 */
const NOTHING_TO_UPDATE =
  "Can't update Backup Offering [id: following should be informed: name, description or allowUserDrivenBackups.] " +
  'because there are no parameters to be updated, at least one of the';

/**
 * `updateBackupOffering` (admin, sync, 4.16): changes an offering's name, description or
 * `allowuserdrivenbackups`; the policy-era commands see the change too.
 */
export function updateBackupOfferingCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'updateBackupOffering',
    description: 'Updates a backup offering.',
    since: '4.16.0',
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('UpdateBackupOfferingCmd'),
    eventType: BackupEventTypes.updateOffering,
    eventDescription: 'updating backup offering',
    params: [
      {
        name: 'id',
        type: 'uuid',
        entity: 'BackupOffering',
        required: true,
        related: ['listBackupOfferings'],
        description: 'The ID of the Backup Offering to be updated',
      },
      { name: 'description', type: 'string', description: 'The description of the Backup Offering to be updated' },
      { name: 'name', type: 'string', description: 'The name of the Backup Offering to be updated' },
      {
        name: 'allowuserdrivenbackups',
        type: 'boolean',
        description: 'Whether to allow user driven backups or not',
      },
    ],
    response: { objectName: 'backupoffering', fields: BACKUP_OFFERING_RESPONSE_FIELDS },
    handler: inOfferingEraWords(async ({ caller, params }) => {
      const name = params.name === '' ? undefined : params.name;
      const description = params.description === '' ? undefined : params.description;
      if (name === undefined && description === undefined && params.allowuserdrivenbackups === undefined) {
        throw new ApiError(ApiErrorCode.PARAM_ERROR, NOTHING_TO_UPDATE, {
          csErrorCode: CsErrorCode.SERVER_API_EXCEPTION,
        });
      }
      const offering = await manager.updatePolicy(caller, {
        policyId: params.id,
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
        ...(params.allowuserdrivenbackups === undefined
          ? {}
          : { allowUserDrivenBackups: params.allowuserdrivenbackups }),
      });
      return { kind: 'object', objectName: 'backupoffering', item: toBackupOfferingResponse(offering) };
    }),
  });
}
