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

/** One week: the longest duration any framework key accepts, far below a timer's 2^31 ms limit. */
const ONE_WEEK_SECONDS = 7 * 24 * 3600;

/**
 * The provider operations whose calls the host bounds in time, each by its own zone-scoped key
 * `backup.framework.timeout.<operation>` (seconds).
 * @public
 * @since 1.1.0
 */
export type ProviderOperation =
  | 'policies'
  | 'assign'
  | 'remove'
  | 'backup'
  | 'delete'
  | 'restore'
  | 'restorevolume'
  | 'createvm'
  | 'metrics'
  | 'restorepoints';

interface TimeoutKeySpec {
  readonly operation: ProviderOperation;
  readonly defaultSeconds: number;
  readonly calls: string;
}

/** Defaults: catalogue reads are quick, backups and restores of large VMs take hours. */
const TIMEOUT_KEY_SPECS: readonly TimeoutKeySpec[] = [
  { operation: 'policies', defaultSeconds: 120, calls: 'listing or validating the provider\'s policies' },
  { operation: 'assign', defaultSeconds: 900, calls: 'assigning a VM to a policy' },
  { operation: 'remove', defaultSeconds: 900, calls: 'removing a VM from its policy' },
  { operation: 'backup', defaultSeconds: 6 * 3600, calls: 'taking a backup' },
  { operation: 'delete', defaultSeconds: 3600, calls: 'deleting a backup' },
  { operation: 'restore', defaultSeconds: 12 * 3600, calls: 'restoring a VM' },
  { operation: 'restorevolume', defaultSeconds: 12 * 3600, calls: 'restoring a volume' },
  { operation: 'createvm', defaultSeconds: 12 * 3600, calls: 'creating a VM from a backup' },
  { operation: 'metrics', defaultSeconds: 900, calls: 'reading backup sizes for the sync' },
  { operation: 'restorepoints', defaultSeconds: 900, calls: 'listing restore points for the sync' },
];

/**
 * The name of the key that bounds a provider operation: `backup.framework.timeout.<operation>`.
 * @public
 * @since 1.1.0
 */
export function providerTimeoutKey(operation: ProviderOperation): string {
  return `backup.framework.timeout.${operation}`;
}

/**
 * Default of each operation's timeout, in seconds.
 * @public
 * @since 1.1.0
 */
export const DEFAULT_PROVIDER_TIMEOUT_SECONDS: Readonly<Record<ProviderOperation, number>> =
  Object.freeze(
    Object.fromEntries(TIMEOUT_KEY_SPECS.map((spec) => [spec.operation, spec.defaultSeconds])) as Record<
      ProviderOperation,
      number
    >,
  );

/**
 * The `component` of the framework keys' `configuration` rows, as in CloudStack.
 * @public
 * @since 1.0.0
 */
export const FRAMEWORK_CONFIG_COMPONENT = 'BackupService';

/**
 * The framework's own configuration keys, declared the same way providers declare theirs. Their
 * names predate the `backup.plugin.<provider>.` rule for providers (they are CloudStack's, or
 * `backup.framework.*` in CloudStack's style), so they are not run through
 * `validateProviderDefinition`. All are dynamic. The host registers them before discovery and
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
    min: 1,
    max: ONE_WEEK_SECONDS,
  }),
  ...TIMEOUT_KEY_SPECS.map((spec) =>
    Object.freeze({
      name: providerTimeoutKey(spec.operation),
      type: 'Long',
      scope: 'Zone',
      default: String(spec.defaultSeconds),
      description:
        `Seconds the server waits for the backup provider when ${spec.calls}; the call is then ` +
        'cancelled and its job fails with a timeout error.',
      min: 1,
      max: ONE_WEEK_SECONDS,
    } satisfies ConfigKeyDeclaration),
  ),
] satisfies ConfigKeyDeclaration[]);
