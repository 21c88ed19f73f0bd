import { type Logger } from '@nestjs/common';
import { type ProviderLogger } from '@csbr/framework';

import { redact } from './redact';

/**
 * Adapts the framework's structured `ProviderLogger` to a Nest `Logger`. Metadata is redacted
 * and appended as JSON, so a line reads `message {"provider":"veeam","zone":"..."}`.
 */
export function createProviderLogger(logger: Logger, baseMeta: Readonly<Record<string, unknown>> = {}): ProviderLogger {
  const format = (message: string, meta?: Record<string, unknown>): string => {
    const merged = { ...baseMeta, ...meta };
    return Object.keys(merged).length === 0 ? message : `${message} ${JSON.stringify(redact(merged))}`;
  };
  return {
    debug: (message, meta) => logger.debug(format(message, meta)),
    info: (message, meta) => logger.log(format(message, meta)),
    warn: (message, meta) => logger.warn(format(message, meta)),
    error: (message, meta) => logger.error(format(message, meta)),
  };
}
