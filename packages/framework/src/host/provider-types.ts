import { type BackupProvider } from '../contract/backup-provider';
import { type ProviderCapabilities } from '../contract/capabilities';
import { type BackupProviderDefinition } from '../contract/define-backup-provider';
import { type BackupErrorCode } from '../errors/error-codes';

/** Where discovery found a package. @public */
export type ProviderSource = 'dependency' | 'plugin-dir';

/** A provider that passed every check and was created. @public */
export interface RegisteredProvider {
  readonly name: string;
  readonly description: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly source: ProviderSource;
  /** The marker's contract range. */
  readonly contractRange: string;
  readonly definition: BackupProviderDefinition;
  readonly instance: BackupProvider;
  /** What the instance can do, resolved once at registration. @since 1.1.0 */
  readonly capabilities: ProviderCapabilities;
}

/**
 * The outcome of discovery for one candidate package, kept for admins
 * (`listBackupProviderDiagnostics`). Never carries secrets.
 * @public
 */
export interface ProviderDiagnostic {
  readonly packageName: string;
  readonly packageVersion?: string;
  readonly source: ProviderSource;
  readonly providerName?: string;
  readonly contractRange?: string;
  readonly status: 'registered' | 'refused';
  readonly code?: BackupErrorCode;
  readonly message: string;
}

/** Read side of the registry, fixed after boot. @public */
export interface ProviderLookup {
  get(name: string): RegisteredProvider | undefined;
  list(): readonly RegisteredProvider[];
}
