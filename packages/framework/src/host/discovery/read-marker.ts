import { validRange } from 'semver';
import { PROVIDER_NAME_PATTERN } from '../../contract/brand';
import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { describePackage, type CandidatePackage, type ProviderMarker } from './provider-package';
import { isPlainObject } from './read-package-manifest';

/**
 * Reads the `"csbr": { "provider", "contract" }` marker of a candidate's package.json.
 *
 * @returns the marker, or undefined when the package has no `csbr` field (not a provider: skipped
 * silently, as most of the server's dependencies are).
 * @throws BackupError `PROVIDER_INVALID_MARKER` naming every problem of a malformed marker.
 */
export function readProviderMarker(candidate: CandidatePackage): ProviderMarker | undefined {
  const marker = candidate.manifest.csbr;
  if (marker === undefined) return undefined;
  const problems = markerProblems(marker);
  if (problems.length > 0 || !isPlainObject(marker)) {
    throw new BackupError(
      BackupErrorCodes.PROVIDER_INVALID_MARKER,
      `Provider package ${describePackage(candidate)} has an invalid "csbr" marker in its package.json: ` +
        `${problems.join('; ')}. The provider was not registered. ` +
        'Expected "csbr": { "provider": "<lower-case-kebab name>", "contract": "<semver range>" }.',
      { details: { packageName: candidate.packageName, source: candidate.source } },
    );
  }
  return { provider: marker.provider as string, contract: marker.contract as string };
}

function markerProblems(marker: unknown): string[] {
  if (!isPlainObject(marker)) return ['"csbr" must be an object'];
  const problems: string[] = [];
  const { provider, contract } = marker;
  if (typeof provider !== 'string' || !PROVIDER_NAME_PATTERN.test(provider)) {
    problems.push(`provider name ${JSON.stringify(provider) ?? 'undefined'} must be lower-case kebab (e.g. "veeam")`);
  }
  if (typeof contract !== 'string' || validRange(contract) === null) {
    problems.push(`contract ${JSON.stringify(contract) ?? 'undefined'} is not a semver range (e.g. "^1.0.0")`);
  }
  return problems;
}
