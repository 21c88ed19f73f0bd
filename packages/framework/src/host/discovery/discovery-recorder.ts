import { type ProviderLogger } from '../../contract/provider-context';
import { isBackupError } from '../../errors/backup-error';
import { BackupErrorCodes, type BackupErrorCode } from '../../errors/error-codes';
import { type ProviderDiagnostic, type ProviderSource, type RegisteredProvider } from '../provider-types';
import { describePackage, type PackageIdentity, type ProviderMarker } from './provider-package';
import { errorMessage } from './read-package-manifest';

/** A package as far as discovery got with it: the marker is known once it has been read. */
export interface RecordedPackage extends PackageIdentity {
  readonly marker?: ProviderMarker;
}

/**
 * Turns each discovery outcome into one diagnostic record for admins and one log line, so the two
 * never disagree. Refusals are warnings (the server keeps starting), registrations are info.
 */
export class DiscoveryRecorder {
  readonly #logger: ProviderLogger;
  readonly #diagnostics: ProviderDiagnostic[] = [];

  constructor(logger: ProviderLogger) {
    this.#logger = logger;
  }

  get diagnostics(): readonly ProviderDiagnostic[] {
    return this.#diagnostics;
  }

  /**
   * Records a package that will not be registered. `reason` is normally a `BackupError` from one of
   * the checks; anything else (a bug, a host callback that threw) is recorded under `fallbackCode`.
   */
  refuse(pkg: RecordedPackage, reason: unknown, fallbackCode: BackupErrorCode = BackupErrorCodes.PROVIDER_LOAD_FAILED): void {
    const code = isBackupError(reason) ? reason.code : fallbackCode;
    const message = isBackupError(reason)
      ? reason.message
      : `Provider package ${describePackage(pkg)} was not registered: ${errorMessage(reason)}.`;
    this.#record({ ...this.#identity(pkg), status: 'refused', code, message });
    this.#logger.warn(message, { ...this.#logMeta(pkg), code });
  }

  /** Records the dependency copy of a package that the plugin folder's copy replaces. */
  shadowed(dependencyCopy: RecordedPackage, pluginDirCopy: PackageIdentity): void {
    const message =
      `Provider package ${describePackage(dependencyCopy)} is replaced by ${describePackage(pluginDirCopy)}: ` +
      'the plugin directory copy of a package is used instead of the one bundled with the server.';
    this.#record({ ...this.#identity(dependencyCopy), status: 'refused', message });
    this.#logger.info(message, this.#logMeta(dependencyCopy));
  }

  /** Records a provider that was created and registered. */
  registered(provider: RegisteredProvider): void {
    const pkg = {
      packageName: provider.packageName,
      packageVersion: provider.packageVersion,
      source: provider.source,
      marker: { provider: provider.name, contract: provider.contractRange },
    };
    const message =
      `Registered backup provider "${provider.name}" from ${describePackage(pkg)}, ` +
      `contract range "${provider.contractRange}".`;
    this.#record({ ...this.#identity(pkg), status: 'registered', message });
    this.#logger.info(message, this.#logMeta(pkg));
  }

  /** A problem that concerns no provider package (e.g. a dependency that is not installed). */
  warn(message: string, meta: { readonly packageName: string; readonly source: ProviderSource }): void {
    this.#logger.warn(message, { ...meta });
  }

  #record(diagnostic: ProviderDiagnostic): void {
    this.#diagnostics.push(diagnostic);
  }

  #identity(pkg: RecordedPackage): Omit<ProviderDiagnostic, 'status' | 'code' | 'message'> {
    return {
      packageName: pkg.packageName,
      source: pkg.source,
      ...(pkg.packageVersion === undefined ? {} : { packageVersion: pkg.packageVersion }),
      ...(pkg.marker === undefined ? {} : { providerName: pkg.marker.provider, contractRange: pkg.marker.contract }),
    };
  }

  #logMeta(pkg: RecordedPackage): Record<string, unknown> {
    return {
      packageName: pkg.packageName,
      packageVersion: pkg.packageVersion,
      source: pkg.source,
      provider: pkg.marker?.provider,
      contractRange: pkg.marker?.contract,
    };
  }
}
