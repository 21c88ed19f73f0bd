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
  /**
   * Smallest accepted value of a numeric key (Integer, Long, Float). `updateConfiguration` refuses
   * values outside `min`..`max`, and readers fall back to the default for a stored value outside it.
   * Give every duration a range, so that no accepted value can overflow a timer.
   * @since 1.1.0
   */
  readonly min?: number;
  /** Largest accepted value of a numeric key. @since 1.1.0 */
  readonly max?: number;
}

/**
 * Whether `value` is valid for the key: it parses as the key's type and, for numeric keys, lies
 * within the declared `min`..`max`.
 * @public
 * @since 1.1.0
 */
export function isAcceptedConfigValue(
  key: Pick<ConfigKeyDeclaration, 'type' | 'min' | 'max'>,
  value: string,
): boolean {
  if (!isValidConfigValue(key.type, value)) return false;
  if (key.type === 'Boolean' || key.type === 'String') return true;
  const number = Number(value);
  return (key.min === undefined || number >= key.min) && (key.max === undefined || number <= key.max);
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
