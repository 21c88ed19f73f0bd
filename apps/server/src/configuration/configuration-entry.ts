import { type ConfigKeyScope } from '@csbr/framework';

/** What `listConfigurations` shows for a value of a secure key. */
export const MASKED_VALUE = '********';

/** One configuration key as listed to API callers: secure values are masked. */
export interface ConfigurationEntry {
  readonly name: string;
  /** `Advanced` or `Secure` (CloudStack's categories). */
  readonly category: string;
  /** `BackupService` or the declaring provider's name. */
  readonly component: string;
  /** The value that applies (zone row, global value or default); masked for secure keys. */
  readonly value: string | undefined;
  readonly defaultValue: string | undefined;
  readonly description: string | undefined;
  /** The key's declared scope. */
  readonly scope: ConfigKeyScope | undefined;
  readonly isDynamic: boolean;
  readonly secure: boolean;
  /** Internal zone id when the entry was listed for a zone. */
  readonly zoneId?: string;
}

/** Filters of {@link ConfigurationService.list}. */
export interface ConfigurationQuery {
  /** Exact key name. */
  readonly name?: string;
  /** Internal zone id: only zone-scoped keys, with the zone's values. */
  readonly zoneId?: string;
  /** Name contains (case-insensitive). */
  readonly keyword?: string;
}
