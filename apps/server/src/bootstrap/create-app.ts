import { type AddressInfo } from 'node:net';

import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from '../app.module';
import { CLUSTER_MEMBERSHIP, type ClusterMembership } from '../cluster';
import { describeDatabase } from '../config/describe-database';
import { type ServerConfig } from '../config/server-config';
import { nestLogLevels } from '../logging/nest-log-levels';

/**
 * Builds the Nest application (Express) without listening: connects, migrates, discovers
 * providers and seeds. Shutdown hooks are on, so SIGTERM closes the database and disposes
 * providers.
 */
export async function createApp(config: ServerConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    // Rethrow boot errors instead of exiting the process (callers and tests decide).
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const logger = new Logger('Server');
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}

/** A listening server. */
export interface RunningServer {
  readonly app: INestApplication;
  /** `http://127.0.0.1:<port>`, with the port actually bound (tests pass port 0). */
  readonly url: string;
  close(): Promise<void>;
}

/** {@link createApp}, then listens on `config.port` and logs where. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const app = await createApp(config);
  await app.listen(config.port);
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  await app.get<ClusterMembership>(CLUSTER_MEMBERSHIP, { strict: false }).setServicePort(port);
  new Logger('Server').log(`Listening on ${url} with ${describeDatabase(config.database)}`);
  return { app, url, close: () => app.close() };
}
