/** Nest token of the framework's `ConfigurationStore` port (implemented by `ConfigurationService`). */
export const CONFIGURATION_STORE = Symbol('csbr:ConfigurationStore');
