export { discoverProviders, type DiscoverProvidersOptions } from './discover-providers';
export { ProviderRegistry } from './provider-registry';
