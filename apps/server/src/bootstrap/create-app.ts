import { type AddressInfo } from 'node:net';

import { type INestApplication, Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { PinoLogger } from 'nestjs-pino';
import { type Logger as PinoInstance } from 'pino';

import { AppModule } from '../app.module';
import { CLUSTER_MEMBERSHIP, type ClusterMembership } from '../cluster';
import { describeDatabase } from '../config/describe-database';
import { type ServerConfig } from '../config/server-config';
import { waitForDatabase } from '../database/wait-for-database';
import { httpLoggingParams } from '../logging/http-logging';
import { createRootLogger } from '../logging/root-logger';
import { ServerNestLogger } from '../logging/server-nest-logger';

/** The process's logger for a configuration: pino, JSON lines or readable on a terminal. */
export function createServerLogger(config: ServerConfig): { root: PinoInstance; nest: LoggerService } {
  const root = createRootLogger({ level: config.logLevel, ...(config.logFormat === undefined ? {} : { format: config.logFormat }) });
  const params = httpLoggingParams(root);
  return { root, nest: new ServerNestLogger(new PinoLogger(params), params) };
}

/**
 * Builds the Nest application (Express) without listening: waits for the database
 * (`CSBR_DATABASE_WAIT_SECONDS`), connects, migrates, discovers providers and seeds. Shutdown hooks
 * are on, so SIGTERM closes the database and disposes providers.
 */
export async function createApp(config: ServerConfig): Promise<INestApplication> {
  const { root, nest } = createServerLogger(config);
  const logger = new Logger('Server');
  // Before Nest: Nest's own first connection logs a stack trace per failure and does not wait.
  Logger.overrideLogger(nest);
  await waitForDatabase(config.database, config.databaseWaitMs, logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, httpLoggingParams(root)), {
    logger: nest,
    // Rethrow boot errors instead of exiting the process (callers and tests decide).
    abortOnError: false,
  });
  app.enableShutdownHooks();
  for (const warning of config.warnings) logger.warn(warning);
  logger.log(`Data folder: ${config.dataDir} (CSBR_DATA_DIR)`);
  return app;
}

/** A listening server. */
export interface RunningServer {
  readonly app: INestApplication;
  /** A URL that reaches the server from this host (`http://127.0.0.1:<port>` when it listens everywhere). */
  readonly url: string;
  close(): Promise<void>;
}

/** {@link createApp}, then listens on `HOST`:`PORT` and logs the address actually bound. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const app = await createApp(config);
  try {
    if (config.host === undefined) await app.listen(config.port);
    else await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  const bound = typeof address === 'object' && address !== null ? address : undefined;
  const port = bound?.port ?? config.port;
  const url = `http://${urlHost(bound?.address ?? '127.0.0.1', true)}:${port}`;
  await app.get<ClusterMembership>(CLUSTER_MEMBERSHIP, { strict: false }).setServicePort(port);
  new Logger('Server').log(`Listening on ${listeningOn(bound, port)} with ${describeDatabase(config.database)}`);
  return { app, url, close: () => app.close() };
}

/** `http://0.0.0.0:8080 (every interface)` or `http://127.0.0.1:8080`: what was bound, honestly. */
function listeningOn(bound: AddressInfo | undefined, port: number): string {
  const address = bound?.address ?? '0.0.0.0';
  const everywhere = address === '::' || address === '0.0.0.0';
  return `http://${urlHost(address, false)}:${port}${everywhere ? ' (every interface)' : ''}`;
}

/** An address as a URL host; a wildcard becomes the loopback address when the URL must connect. */
function urlHost(address: string, connectable: boolean): string {
  if (connectable && address === '::') return '127.0.0.1';
  if (connectable && address === '0.0.0.0') return '127.0.0.1';
  if (connectable && address === '::1') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

/** Why the server could not listen, in one line an operator can act on. */
function listenError(error: unknown, config: ServerConfig): Error {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const where = `port ${config.port} (PORT) on ${config.host ?? 'every interface'} (HOST)`;
  if (code === 'EADDRINUSE') {
    return new Error(`Cannot listen on ${where}: the address is already in use (another csbr, or another program, listens there)`);
  }
  if (code === 'EACCES') return new Error(`Cannot listen on ${where}: permission denied (ports below 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL') return new Error(`Cannot listen on ${where}: this host has no such address`);
  return new Error(`Cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`);
}
