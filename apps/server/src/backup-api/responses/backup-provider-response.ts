import { type ProviderDiagnostic, type ProviderSummary } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';

/** `BackupProviderResponse`. */
export function toBackupProviderResponse(provider: ProviderSummary): object {
  return { name: provider.name, description: provider.description };
}

export const BACKUP_PROVIDER_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'name', type: 'string', description: 'the backup provider name' },
  { name: 'description', type: 'string', description: 'the description of the provider' },
];

/** One discovery outcome (`listBackupProviderDiagnostics`, a CSBR extension). Never holds secrets. */
export function toProviderDiagnosticResponse(diagnostic: ProviderDiagnostic): object {
  return {
    packagename: diagnostic.packageName,
    packageversion: diagnostic.packageVersion,
    source: diagnostic.source,
    providername: diagnostic.providerName,
    contractrange: diagnostic.contractRange,
    status: diagnostic.status,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

export const PROVIDER_DIAGNOSTIC_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'packagename', type: 'string', description: 'npm package of the candidate provider' },
  { name: 'packageversion', type: 'string', description: 'version of the package' },
  { name: 'source', type: 'string', description: 'where it was found: dependency or plugin-dir' },
  { name: 'providername', type: 'string', description: 'the provider name its marker claims' },
  { name: 'contractrange', type: 'string', description: 'the provider contract range it requires' },
  { name: 'status', type: 'string', description: 'registered or refused' },
  { name: 'code', type: 'string', description: 'why it was refused' },
  { name: 'message', type: 'string', description: 'what happened, for operators' },
];
