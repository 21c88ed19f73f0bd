/** The `$$type` every provider definition carries; checked by the host instead of `instanceof`. */
export const BACKUP_PROVIDER_DEFINITION_TYPE = '@csbr/BackupProviderDefinition';

/** Provider names: lower-case kebab (`veeam`, `dummy`, `my-vendor`). */
export const PROVIDER_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
