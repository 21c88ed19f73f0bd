/** CloudStack's `ConfigKey` value types. @public */
export type ConfigKeyType = 'Boolean' | 'String' | 'Integer' | 'Long' | 'Float';

/** Where a key may be set: globally, or per zone (falling back to the global value). @public */
export type ConfigKeyScope = 'Global' | 'Zone';

/**
 * A configuration key a provider (or the framework) declares. The host stores it in CloudStack's
 * `configuration` table and operators change it with `updateConfiguration`.
 *
 * @public
 * @since 1.0.0
 */
export interface ConfigKeyDeclaration {
  /** `backup.plugin.<provider>.<key>` for providers. */
  readonly name: string;
  readonly type: ConfigKeyType;
  readonly scope: ConfigKeyScope;
  /** The default, written the way CloudStack stores it (a string that parses as `type`). */
  readonly default: string;
  readonly description: string;
  /** Secure keys are stored encrypted, never logged, and masked in `listConfigurations`. */
  readonly secure?: boolean;
  /** Whether a change applies without a restart. Defaults to true. */
  readonly dynamic?: boolean;
}

/**
 * Whether `value` parses as a value of `type`, the way CloudStack parses it.
 * @public
 */
export function isValidConfigValue(type: ConfigKeyType, value: string): boolean {
  switch (type) {
    case 'Boolean':
      return value === 'true' || value === 'false';
    case 'String':
      return true;
    case 'Integer':
      return /^-?\d+$/.test(value) && Math.abs(Number(value)) <= 2147483647;
    case 'Long':
      return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value));
    case 'Float':
      return value.trim() !== '' && Number.isFinite(Number(value));
  }
}
