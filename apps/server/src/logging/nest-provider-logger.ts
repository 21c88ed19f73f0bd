import { type Logger } from '@nestjs/common';
import { type ProviderLogger } from '@csbr/framework';

import { redact } from './redact';

/**
 * Adapts the framework's structured `ProviderLogger` to a Nest `Logger`. Metadata is redacted and
 * passed as fields (`provider`, `zone`, ...), so a JSON line reads
 * `{"msg":"login failed","provider":"veeam","zone":"...","password":"[REDACTED]"}`.
 */
export function createProviderLogger(logger: Logger, baseMeta: Readonly<Record<string, unknown>> = {}): ProviderLogger {
  const fields = (meta?: Record<string, unknown>): Record<string, unknown> => redact({ ...baseMeta, ...meta });
  return {
    debug: (message, meta) => logger.debug(fields(meta), message),
    info: (message, meta) => logger.log(fields(meta), message),
    warn: (message, meta) => logger.warn(fields(meta), message),
    error: (message, meta) => logger.error(fields(meta), message),
  };
}
