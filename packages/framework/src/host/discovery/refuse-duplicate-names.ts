import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { type DiscoveryRecorder } from './discovery-recorder';
import { describePackage, type ProviderPackage } from './provider-package';

/**
 * Refuses every package whose provider name another package also claims, before anything is
 * imported: the host cannot tell which one the operator meant, so neither runs.
 *
 * @returns the packages whose name is unique, in their original order.
 */
export function refuseDuplicateNames(
  providers: readonly ProviderPackage[],
  recorder: DiscoveryRecorder,
): ProviderPackage[] {
  const claimants = new Map<string, ProviderPackage[]>();
  for (const provider of providers) {
    const name = provider.marker.provider;
    claimants.set(name, [...(claimants.get(name) ?? []), provider]);
  }
  return providers.filter((provider) => {
    const claims = claimants.get(provider.marker.provider) ?? [];
    if (claims.length < 2) return true;
    recorder.refuse(provider, duplicateNameError(provider.marker.provider, claims));
    return false;
  });
}

function duplicateNameError(name: string, claims: readonly ProviderPackage[]): BackupError {
  const described = claims.map(describePackage);
  const list = `${described.slice(0, -1).join(', ')} and ${described.at(-1) ?? ''}`;
  const outcome = claims.length === 2 ? 'Neither was registered. Remove one of them.' : 'None was registered. Remove all but one of them.';
  return new BackupError(
    BackupErrorCodes.PROVIDER_DUPLICATE_NAME,
    `Provider name "${name}" is claimed by ${list}. ${outcome}`,
    { details: { providerName: name, packageNames: claims.map((claim) => claim.packageName) } },
  );
}
