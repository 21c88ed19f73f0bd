import { gtr, ltr, major, satisfies } from 'semver';
import { BACKUP_PROVIDER_CONTRACT_VERSION } from '../../contract/contract-version';
import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { describePackage, type ProviderPackage } from './provider-package';

const RANGE_OPTIONS = { includePrerelease: true } as const;

/**
 * Checks, before anything is imported, that the package's contract range includes the contract this
 * host implements. There is deliberately no override: an incompatible provider is never loaded.
 *
 * @param hostContract - the host's contract version; only tests pass another one.
 * @throws BackupError `PROVIDER_INCOMPATIBLE` naming the package, version, source, range and host
 * contract, with what the operator can do about it.
 */
export function checkContractCompatibility(
  provider: ProviderPackage,
  hostContract: string = BACKUP_PROVIDER_CONTRACT_VERSION,
): void {
  const range = provider.marker.contract;
  if (satisfies(hostContract, range, RANGE_OPTIONS)) return;
  throw new BackupError(
    BackupErrorCodes.PROVIDER_INCOMPATIBLE,
    `Provider package ${describePackage(provider)} requires contract "${range}" but this server implements ` +
      `contract ${hostContract}. The provider was not registered. ${advice(hostContract, range)}`,
    {
      details: {
        packageName: provider.packageName,
        source: provider.source,
        contractRange: range,
        hostContract,
      },
    },
  );
}

function advice(hostContract: string, range: string): string {
  const hostMajor = major(hostContract);
  if (ltr(hostContract, range, RANGE_OPTIONS)) {
    return `Upgrade the server or install a ${hostMajor}.x-compatible version of the provider.`;
  }
  if (gtr(hostContract, range, RANGE_OPTIONS)) {
    return `The provider was written for an older contract: install a ${hostMajor}.x-compatible version of the provider.`;
  }
  return `Install a version of the provider whose contract range includes ${hostContract}.`;
}
