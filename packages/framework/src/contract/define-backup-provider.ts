import { type BackupProvider } from './backup-provider';
import { BACKUP_PROVIDER_DEFINITION_TYPE, PROVIDER_NAME_PATTERN } from './brand';
import { type ConfigKeyDeclaration, isAcceptedConfigValue, isValidConfigValue } from './config-key';
import { type ProviderContext } from './provider-context';

/** What a provider author writes. @public */
export interface BackupProviderDefinitionOptions {
  /** Lower-case kebab name; equals the package marker's `csbr.provider`. Immutable once released. */
  readonly name: string;
  /** Shown by `listBackupProviders`. */
  readonly description: string;
  /** Keys named `backup.plugin.<name>.<key>`. */
  readonly configKeys?: readonly ConfigKeyDeclaration[];
  /** Creates the single instance. May be async. */
  create(context: ProviderContext): BackupProvider | Promise<BackupProvider>;
}

/** A branded, frozen provider definition: what a provider package default-exports. @public */
export interface BackupProviderDefinition extends BackupProviderDefinitionOptions {
  readonly $$type: typeof BACKUP_PROVIDER_DEFINITION_TYPE;
  readonly configKeys: readonly ConfigKeyDeclaration[];
}

/**
 * Lists what is wrong with a definition; empty when it is valid. The host runs the same checks on
 * whatever a package exports, so a hand-made object cannot skip them.
 * @public
 */
export function validateProviderDefinition(definition: BackupProviderDefinitionOptions): string[] {
  const problems: string[] = [];
  if (typeof definition.name !== 'string' || !PROVIDER_NAME_PATTERN.test(definition.name)) {
    problems.push(`provider name "${String(definition.name)}" must be lower-case kebab (e.g. "veeam")`);
  }
  if (typeof definition.description !== 'string' || definition.description.trim() === '') {
    problems.push('description must be a non-empty string');
  }
  if (typeof definition.create !== 'function') {
    problems.push('create must be a function');
  }
  // Typed as unknown: the host validates whatever a package exports, not only typed literals.
  const keys: unknown = definition.configKeys ?? [];
  if (!Array.isArray(keys)) {
    problems.push('configKeys must be an array');
    return problems;
  }
  const prefix = `backup.plugin.${definition.name}.`;
  const seen = new Set<string>();
  for (const entry of keys as readonly unknown[]) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push('each config key must be an object');
      continue;
    }
    const key = entry as ConfigKeyDeclaration;
    problems.push(...validateConfigKey(key, prefix));
    if (seen.has(key.name)) problems.push(`config key "${key.name}" is declared twice`);
    seen.add(key.name);
  }
  return problems;
}

function validateConfigKey(key: ConfigKeyDeclaration, prefix: string): string[] {
  const problems: string[] = [];
  if (typeof key.name !== 'string' || !key.name.startsWith(prefix) || key.name.length === prefix.length) {
    problems.push(`config key "${String(key.name)}" must be named "${prefix}<key>"`);
  }
  if (!['Boolean', 'String', 'Integer', 'Long', 'Float'].includes(key.type)) {
    problems.push(`config key "${key.name}" has unknown type "${String(key.type)}"`);
  } else if (typeof key.default !== 'string' || !isValidConfigValue(key.type, key.default)) {
    problems.push(`config key "${key.name}" default "${String(key.default)}" is not a ${key.type}`);
  } else {
    problems.push(...validateRange(key));
  }
  if (key.scope !== 'Global' && key.scope !== 'Zone') {
    problems.push(`config key "${key.name}" scope must be "Global" or "Zone"`);
  }
  if (typeof key.description !== 'string' || key.description.trim() === '') {
    problems.push(`config key "${key.name}" needs a description`);
  }
  return problems;
}

function validateRange(key: ConfigKeyDeclaration): string[] {
  const bounds = [key.min, key.max].filter((bound) => bound !== undefined);
  if (bounds.length === 0) return [];
  if (key.type === 'Boolean' || key.type === 'String') {
    return [`config key "${key.name}" is a ${key.type}: only numeric keys take min/max`];
  }
  if (bounds.some((bound) => typeof bound !== 'number' || !Number.isFinite(bound))) {
    return [`config key "${key.name}" min/max must be finite numbers`];
  }
  if (key.min !== undefined && key.max !== undefined && key.min > key.max) {
    return [`config key "${key.name}" min ${key.min} is greater than max ${key.max}`];
  }
  if (!isAcceptedConfigValue(key, key.default)) {
    return [`config key "${key.name}" default ${key.default} is outside ${key.min ?? '…'}..${key.max ?? '…'}`];
  }
  return [];
}

/**
 * Declares a backup provider. Validates the name and key declarations, brands and freezes the
 * definition. The provider package must default-export the result.
 *
 * @example
 * ```ts
 * export default defineBackupProvider({
 *   name: 'acme',
 *   description: 'ACME Backup Plugin',
 *   configKeys: [{ name: 'backup.plugin.acme.url', type: 'String', scope: 'Zone',
 *                  default: 'https://localhost/', description: 'ACME API URL' }],
 *   create: (context) => new AcmeBackupProvider(context),
 * });
 * ```
 * @throws Error listing every problem when the definition is invalid.
 * @public
 * @since 1.0.0
 */
export function defineBackupProvider(
  options: BackupProviderDefinitionOptions,
): BackupProviderDefinition {
  const problems = validateProviderDefinition(options);
  if (problems.length > 0) {
    throw new Error(`Invalid backup provider definition: ${problems.join('; ')}`);
  }
  return Object.freeze({
    $$type: BACKUP_PROVIDER_DEFINITION_TYPE,
    name: options.name,
    description: options.description,
    configKeys: Object.freeze([...(options.configKeys ?? [])].map((key) => Object.freeze({ ...key }))),
    create: (context: ProviderContext) => options.create(context),
  });
}

/**
 * Whether `value` carries the provider-definition brand (from any copy of the framework).
 * @public
 */
export function isBackupProviderDefinition(value: unknown): value is BackupProviderDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === BACKUP_PROVIDER_DEFINITION_TYPE
  );
}
