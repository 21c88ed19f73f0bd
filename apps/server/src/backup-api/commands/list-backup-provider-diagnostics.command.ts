import { defineCommand } from '../../api/command-definition';
import { listParams } from '../../api/common-params';
import {
  PROVIDER_DIAGNOSTIC_RESPONSE_FIELDS,
  toProviderDiagnosticResponse,
} from '../responses/backup-provider-response';
import { type BackupCommandDeps } from './backup-command-deps';
import { ADMIN_ONLY } from './backup-command-constants';
import { pageInMemory } from '../../api/binding/page-in-memory';

/**
 * `listBackupProviderDiagnostics` (CSBR extension, admin, sync): what discovery did with every
 * candidate provider package, registered or refused, so admins see why a provider is missing.
 */
export function listBackupProviderDiagnosticsCommand({ registry }: BackupCommandDeps) {
  return defineCommand({
    name: 'listBackupProviderDiagnostics',
    description:
      'Lists what provider discovery did with every candidate package: registered or refused, and why (csbr extension)',
    since: '1.0.0',
    isAsync: false,
    allowedRoles: ADMIN_ONLY,
    className: 'io.csbr.api.command.admin.backup.ListBackupProviderDiagnosticsCmd',
    params: [
      ...listParams(),
      { name: 'name', type: 'string', description: 'List only the outcome for this provider name' },
      { name: 'status', type: 'string', description: 'registered or refused' },
    ],
    response: { objectName: 'backupproviderdiagnostic', fields: PROVIDER_DIAGNOSTIC_RESPONSE_FIELDS },
    handler: ({ params, paging }) => {
      const matching = registry
        .diagnostics()
        .filter((diagnostic) => params.name === undefined || diagnostic.providerName === params.name)
        .filter((diagnostic) => params.status === undefined || diagnostic.status === params.status)
        .filter(
          (diagnostic) =>
            params.keyword === undefined ||
            `${diagnostic.packageName} ${diagnostic.providerName ?? ''}`.includes(params.keyword),
        );
      return Promise.resolve({
        kind: 'list',
        objectName: 'backupproviderdiagnostic',
        items: pageInMemory(matching, paging).map(toProviderDiagnosticResponse),
        total: matching.length,
      });
    },
  });
}
