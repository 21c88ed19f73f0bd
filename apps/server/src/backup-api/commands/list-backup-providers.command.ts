import { defineCommand } from '../../api/command-definition';
import { listParams } from '../../api/common-params';
import {
  BACKUP_PROVIDER_RESPONSE_FIELDS,
  toBackupProviderResponse,
} from '../responses/backup-provider-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ADMIN_ONLY, adminCommandClass, OFFERING_ERA_SINCE } from './backup-command-constants';
import { pageInMemory } from '../../api/binding/page-in-memory';

/** `listBackupProviders` (admin, sync): every registered provider, optionally only `name`. */
export function listBackupProvidersCommand({ manager }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupProviders',
    description: 'Lists Backup and Recovery providers',
    since: OFFERING_ERA_SINCE,
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: adminCommandClass('ListBackupProvidersCmd'),
    params: [
      ...listParams(),
      { name: 'name', type: 'string', description: 'List Backup and Recovery provider by name' },
    ],
    response: { objectName: 'providers', fields: BACKUP_PROVIDER_RESPONSE_FIELDS },
    handler: async ({ caller, params, paging }) => {
      const providers = await manager.listProviders(caller, params.name);
      const items = pageInMemory(providers, paging).map(toBackupProviderResponse);
      return { kind: 'list', objectName: 'providers', items, total: providers.length };
    },
  });
}
