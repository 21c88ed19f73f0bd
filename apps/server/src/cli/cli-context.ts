import { type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';

import { type Environment, loadServerConfig } from '../config/env';
import { type ServerConfig } from '../config/server-config';
import { waitForDatabase } from '../database/wait-for-database';
import { createRootLogger } from '../logging/root-logger';
import { CliFoundationModule } from './cli-foundation.module';

/**
 * The CLI's settings and logger: the server's environment, and log lines on stderr (stdout is for
 * the command's result) at `warn` unless `CSBR_LOG_LEVEL` asks for more or less.
 */
export function cliSetup(env: Environment): { config: ServerConfig; logger: LoggerService } {
  const loaded = loadServerConfig({ CSBR_LOG_LEVEL: 'warn', ...env });
  const config = { ...loaded, admin: { ...loaded.admin, applyToExisting: false } };
  const root = createRootLogger({
    level: config.logLevel,
    ...(config.logFormat === undefined ? {} : { format: config.logFormat }),
    destination: process.stderr,
  });
  const params = { pinoHttp: { logger: root } };
  return { config, logger: new NestPinoLogger(new PinoLogger(params), params) };
}

/**
 * Runs `work` on the server's foundation (settings, the migrated database after the same wait as
 * the server, configuration, providers, first-start data), then closes it.
 */
export async function withCliContext<T>(env: Environment, work: (app: INestApplicationContext, config: ServerConfig) => Promise<T>): Promise<T> {
  const { config, logger } = cliSetup(env);
  await waitForDatabase(config.database, config.databaseWaitMs, { warn: (message) => { logger.warn(message, 'csbr'); } });
  const app = await NestFactory.createApplicationContext(CliFoundationModule.forRoot(config), { logger, abortOnError: false });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
