export { ConfigKeyRegistry, type RegisteredConfigKey } from './config-key-registry';
export { type ConfigurationEntry, type ConfigurationQuery, MASKED_VALUE } from './configuration-entry';
export { ConfigurationModule } from './configuration.module';
export { ConfigurationSeeder } from './configuration-seeder';
export { ConfigurationService, SECURE_CATEGORY } from './configuration.service';
export { CONFIGURATION_STORE } from './configuration-store.token';
export { createProviderConfig } from './provider-config';
export { SecretCipher } from './secret-cipher';
