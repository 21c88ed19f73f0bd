export { ConfigurationApiModule } from './configuration-api.module';
export { configurationCommands } from './configuration-commands';
export { CONFIGURATION_RESPONSE, toConfigurationResponse } from './configuration-response';
