export { createProviderContext } from './create-provider-context';
export { findHostPackageJson } from './host-package-json';
export { PROVIDER_REGISTRY } from './provider-registry.token';
export { ProvidersModule } from './providers.module';
