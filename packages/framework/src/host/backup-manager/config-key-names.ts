/**
 * Names of the framework keys the manager reads. They equal the constants of
 * `../framework-config-keys`; kept here as plain strings so the manager does not depend on how the
 * keys are declared and registered.
 */
export const ENABLED_KEY = 'backup.framework.enabled';
export const PROVIDER_PLUGIN_KEY = 'backup.framework.provider.plugin';
export const SYNC_INTERVAL_KEY = 'backup.framework.sync.interval';

/** The declared default of `backup.framework.sync.interval`, in seconds. */
export const DEFAULT_SYNC_INTERVAL_SECONDS = 300;
