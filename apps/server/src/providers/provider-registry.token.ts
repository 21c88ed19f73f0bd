/**
 * Nest token of the `ProviderRegistry` (from `@csbr/framework/host`): the providers discovery
 * registered (`get`, `list`) and the outcome per package (`diagnostics`). Fixed after boot.
 */
export const PROVIDER_REGISTRY = Symbol('csbr:ProviderRegistry');
