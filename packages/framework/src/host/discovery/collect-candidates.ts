import { join } from 'node:path';
import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { type ProviderSource } from '../provider-types';
import { type DiscoveryRecorder } from './discovery-recorder';
import { describeSource, type CandidatePackage } from './provider-package';
import { errorMessage, isPlainObject, readPackageManifest } from './read-package-manifest';
import { resolvePackageRoot } from './resolve-package-root';

/** Where candidates come from: the server's package.json, and the plugin folder's if one is set. */
export interface CandidateSources {
  readonly hostPackageJsonPath: string;
  readonly pluginDir?: string;
}

/**
 * Lists the packages discovery looks at: the `dependencies` of the server's package.json and of
 * `<pluginDir>/package.json`, each found where Node would load it from that package.json.
 * `node_modules` is never crawled, so nothing runs that an operator did not install on purpose.
 *
 * A package.json that cannot be read, or a plugin-folder package that is not installed, is
 * recorded and skipped; this never throws.
 */
export async function collectCandidates(
  sources: CandidateSources,
  recorder: DiscoveryRecorder,
): Promise<CandidatePackage[]> {
  const lists: Array<{ readonly source: ProviderSource; readonly manifestPath: string }> = [
    { source: 'dependency', manifestPath: sources.hostPackageJsonPath },
  ];
  if (sources.pluginDir !== undefined) {
    lists.push({ source: 'plugin-dir', manifestPath: join(sources.pluginDir, 'package.json') });
  }
  const candidates: CandidatePackage[] = [];
  for (const { source, manifestPath } of lists) {
    for (const packageName of await dependencyNames(manifestPath, source, recorder)) {
      const candidate = await locateCandidate(packageName, source, manifestPath, recorder);
      if (candidate !== undefined) candidates.push(candidate);
    }
  }
  return candidates;
}

async function dependencyNames(
  manifestPath: string,
  source: ProviderSource,
  recorder: DiscoveryRecorder,
): Promise<string[]> {
  try {
    const { dependencies } = await readPackageManifest(manifestPath);
    return isPlainObject(dependencies) ? Object.keys(dependencies) : [];
  } catch (error) {
    const hint =
      source === 'plugin-dir'
        ? 'Create it with "npm init -y" in the plugin directory and install providers there with "npm install <package>".'
        : 'Check the server installation.';
    recorder.refuse(
      { packageName: manifestPath, source },
      new BackupError(
        BackupErrorCodes.PROVIDER_LOAD_FAILED,
        `No providers were loaded from the ${describeSource(source)} list: ${errorMessage(error)}. ${hint}`,
        { cause: error },
      ),
    );
    return [];
  }
}

async function locateCandidate(
  packageName: string,
  source: ProviderSource,
  resolvedFrom: string,
  recorder: DiscoveryRecorder,
): Promise<CandidatePackage | undefined> {
  const location = resolvePackageRoot(packageName, resolvedFrom);
  if (location === undefined) {
    reportUnusable(packageName, source, `is listed in ${resolvedFrom} but is not installed`, recorder);
    return undefined;
  }
  try {
    const manifest = await readPackageManifest(location.manifestPath);
    const version = manifest.version;
    return {
      packageName,
      ...(typeof version === 'string' ? { packageVersion: version } : {}),
      source,
      resolvedFrom,
      root: location.root,
      manifest,
    };
  } catch (error) {
    reportUnusable(packageName, source, `has an unreadable package.json (${errorMessage(error)})`, recorder);
    return undefined;
  }
}

/**
 * Everything in the plugin folder is there to be a provider, so a broken entry is a diagnostic for
 * admins. The server's own dependencies are mostly not providers: a broken one is only logged.
 */
function reportUnusable(packageName: string, source: ProviderSource, problem: string, recorder: DiscoveryRecorder): void {
  const message = `Package "${packageName}" (${describeSource(source)}) ${problem}; it was skipped.`;
  if (source === 'plugin-dir') {
    recorder.refuse(
      { packageName, source },
      new BackupError(
        BackupErrorCodes.PROVIDER_LOAD_FAILED,
        `${message} Run "npm install" in the plugin directory.`,
      ),
    );
  } else {
    recorder.warn(message, { packageName, source });
  }
}
