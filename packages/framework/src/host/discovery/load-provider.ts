import { pathToFileURL } from 'node:url';
import {
  isBackupProviderDefinition,
  validateProviderDefinition,
  type BackupProviderDefinition,
} from '../../contract/define-backup-provider';
import { BACKUP_PROVIDER_DEFINITION_TYPE } from '../../contract/brand';
import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { describePackage, type ProviderPackage } from './provider-package';
import { errorMessage, isPlainObject } from './read-package-manifest';
import { resolvePackageEntry } from './resolve-package-entry';

/**
 * Imports a provider package (CommonJS or ESM) and returns its default-exported definition, after
 * checking it the way `defineBackupProvider` does: a hand-made object cannot skip the checks.
 *
 * @throws BackupError `PROVIDER_LOAD_FAILED` when the entry cannot be found or importing it throws
 * (the import error is the `cause`); `PROVIDER_INVALID_DEFINITION` when the default export has no
 * brand, names another provider than the marker, or fails validation.
 */
export async function loadProviderDefinition(provider: ProviderPackage): Promise<BackupProviderDefinition> {
  const exported = await importEntry(provider);
  const definition = unwrapDefaultExport(exported);
  if (!isBackupProviderDefinition(definition)) {
    throw invalidDefinition(
      provider,
      'its default export is not a provider definition made with defineBackupProvider() ' +
        `(the "$$type" brand "${BACKUP_PROVIDER_DEFINITION_TYPE}" is missing)`,
    );
  }
  const problems = validateProviderDefinition(definition);
  if (definition.name !== provider.marker.provider) {
    problems.unshift(
      `its default export defines provider "${String(definition.name)}" ` +
        `but its package.json marker declares "${provider.marker.provider}"`,
    );
  }
  if (problems.length > 0) throw invalidDefinition(provider, problems.join('; '));
  return definition;
}

async function importEntry(provider: ProviderPackage): Promise<unknown> {
  try {
    const entry = resolvePackageEntry(provider);
    // Compiled to CommonJS, TypeScript keeps `import()` (node16 module mode), so ESM and CommonJS
    // providers both load. Windows needs a file URL; elsewhere the plain path also works where a
    // test runner turns `import()` into `require()`.
    return (await import(process.platform === 'win32' ? pathToFileURL(entry).href : entry)) as unknown;
  } catch (error) {
    throw new BackupError(
      BackupErrorCodes.PROVIDER_LOAD_FAILED,
      `Provider package ${describePackage(provider)} could not be loaded: ${errorMessage(error)}. ` +
        'The provider was not registered.',
      { cause: error, details: { packageName: provider.packageName, source: provider.source } },
    );
  }
}

/**
 * `import()` of CommonJS gives `{ default: module.exports }`; a CommonJS build of
 * `export default x` puts `x` at `module.exports.default`. Accept both.
 */
function unwrapDefaultExport(exported: unknown): unknown {
  const outer = isPlainObject(exported) && 'default' in exported ? exported.default : exported;
  if (!isBackupProviderDefinition(outer) && isPlainObject(outer) && 'default' in outer) {
    return outer.default;
  }
  return outer;
}

function invalidDefinition(provider: ProviderPackage, reason: string): BackupError {
  return new BackupError(
    BackupErrorCodes.PROVIDER_INVALID_DEFINITION,
    `Provider package ${describePackage(provider)} has an invalid provider definition: ${reason}. ` +
      'The provider was not registered.',
    { details: { packageName: provider.packageName, source: provider.source } },
  );
}
