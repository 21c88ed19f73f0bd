import { type LogLevel } from '@nestjs/common';

import { type ServerLogLevel } from '../config/server-config';

const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The Nest log levels enabled by `CSBR_LOG_LEVEL` (`info` is Nest's `log`). */
export function nestLogLevels(level: ServerLogLevel): LogLevel[] {
  const nestLevel: LogLevel = level === 'info' ? 'log' : level;
  return ORDER.slice(0, ORDER.indexOf(nestLevel) + 1);
}
