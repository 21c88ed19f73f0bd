/**
 * Version of the provider contract this framework implements (semver).
 *
 * @remarks
 * A provider package declares the range it was written for in its package.json marker
 * (`"csbr": { "provider": "<name>", "contract": "^1.0.0" }`); the host checks that range against this
 * version before it imports the package. Bumped by hand: adding optional methods or fields is a
 * minor, removing, renaming or tightening anything is a major.
 *
 * @public
 * @since 1.0.0
 */
export const BACKUP_PROVIDER_CONTRACT_VERSION = '1.1.0';
