import { type Writable } from 'node:stream';

import pino, { type Logger as PinoInstance, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

import { type LogFormat, type ServerLogLevel } from '../config/server-config';
import { redact } from './redact';

/** `CSBR_LOG_LEVEL` names to pino's (`verbose` is pino's `trace`). */
const PINO_LEVEL: Readonly<Record<ServerLogLevel, LevelWithSilent>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export interface RootLoggerOptions {
  readonly level: ServerLogLevel;
  /** Unset: readable lines when the destination is a terminal, JSON lines otherwise. */
  readonly format?: LogFormat;
  /** Where lines go: stdout by default (tests pass a stream to read them). */
  readonly destination?: Writable & { isTTY?: boolean };
  /** `NO_COLOR` and friends: colour only on a terminal, and never when asked not to. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The process's one pino logger. JSON lines (`time`, `level`, `msg`, `context` and the fields of
 * the request or job the line belongs to), or readable lines on a terminal. Every field passes
 * through {@link redact}, so a secret logged by mistake (a `password`, a `secretKey`) never
 * reaches the output.
 */
export function createRootLogger(options: RootLoggerOptions): PinoInstance {
  const destination = options.destination ?? process.stdout;
  const isTerminal = destination.isTTY === true;
  const format = options.format ?? (isTerminal ? 'pretty' : 'json');
  const env = options.env ?? process.env;
  const colour = isTerminal && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const pinoOptions: pino.LoggerOptions = {
    level: PINO_LEVEL[options.level],
    base: {},
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redact(object),
      bindings: (bindings) => redact(bindings ?? {}),
    },
  };
  if (format === 'json') return pino(pinoOptions, destination);
  const stream = pretty({
    destination,
    sync: true,
    colorize: colour,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    hideObject: false,
  });
  return pino(pinoOptions, stream);
}

