export { describeDatabase } from './describe-database';
export { EMBEDDED_DATABASE_FILE, type Environment, loadDatabaseSettings, loadServerConfig } from './env';
export { InvalidEnvironmentError } from './invalid-environment.error';
export {
  type AdminSettings,
  type DatabaseSettings,
  LOG_LEVELS,
  SERVER_CONFIG,
  type ServerConfig,
  type ServerLogLevel,
} from './server-config';
export { ServerConfigModule } from './server-config.module';
