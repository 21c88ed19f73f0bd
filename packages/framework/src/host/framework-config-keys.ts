import { type ConfigKeyDeclaration } from '../contract/config-key';

/**
 * Whether the backup and recovery framework is enabled for a zone.
 * @public
 * @since 1.0.0
 */
export const BACKUP_FRAMEWORK_ENABLED = 'backup.framework.enabled';

/**
 * The provider a zone uses: a registered provider's name (its marker's `csbr.provider`).
 * @public
 * @since 1.0.0
 */
export const BACKUP_FRAMEWORK_PROVIDER_PLUGIN = 'backup.framework.provider.plugin';

/**
 * Seconds between two runs of the background sync task (spec §7).
 * @public
 * @since 1.0.0
 */
export const BACKUP_FRAMEWORK_SYNC_INTERVAL = 'backup.framework.sync.interval';

/**
 * Default of `backup.framework.sync.interval`, in seconds.
 * @public
 */
export const DEFAULT_SYNC_INTERVAL_SECONDS = 300;

/**
 * The `component` of the framework keys' `configuration` rows, as in CloudStack.
 * @public
 * @since 1.0.0
 */
export const FRAMEWORK_CONFIG_COMPONENT = 'BackupService';

/**
 * The framework's own configuration keys, declared the same way providers declare theirs. Their
 * names predate the `backup.plugin.<provider>.` rule for providers (they are CloudStack's), so they
 * are not run through `validateProviderDefinition`. All are dynamic, as in CloudStack 4.14. The host registers them before discovery and
 * passes their names as reserved keys, so no provider can declare them.
 *
 * @public
 * @since 1.0.0
 */
export const FRAMEWORK_CONFIG_KEYS: readonly ConfigKeyDeclaration[] = Object.freeze([
  Object.freeze({
    name: BACKUP_FRAMEWORK_ENABLED,
    type: 'Boolean',
    scope: 'Zone',
    default: 'false',
    description: 'Is backup and recovery framework enabled.',
  }),
  Object.freeze({
    name: BACKUP_FRAMEWORK_PROVIDER_PLUGIN,
    type: 'String',
    scope: 'Zone',
    default: 'dummy',
    description: 'The backup and recovery provider plugin.',
  }),
  Object.freeze({
    name: BACKUP_FRAMEWORK_SYNC_INTERVAL,
    type: 'Long',
    scope: 'Global',
    default: String(DEFAULT_SYNC_INTERVAL_SECONDS),
    description: 'The backup and recovery background sync task polling interval in seconds.',
  }),
] satisfies ConfigKeyDeclaration[]);
