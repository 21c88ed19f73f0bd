import { type ProviderLogger } from '../contract/provider-context';

/** @public */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One recorded log line. @public */
export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly meta?: Record<string, unknown>;
}

/**
 * A {@link ProviderLogger} that keeps every line for assertions.
 *
 * @example
 * ```ts
 * const logger = new RecordingLogger();
 * expect(logger.messages('warn')).toContain('Backup provider not available or configured for zone ID 2');
 * ```
 * @public
 * @since 1.0.0
 */
export class RecordingLogger implements ProviderLogger {
  private readonly recorded: LogEntry[] = [];

  /** Every line so far, oldest first. */
  get entries(): readonly LogEntry[] {
    return [...this.recorded];
  }

  /** The messages so far, optionally of one level only. */
  messages(level?: LogLevel): string[] {
    return this.recorded
      .filter((entry) => level === undefined || entry.level === level)
      .map((entry) => entry.message);
  }

  clear(): void {
    this.recorded.length = 0;
  }

  debug(message: string, meta?: Record<string, unknown>): void {
    this.record('debug', message, meta);
  }

  info(message: string, meta?: Record<string, unknown>): void {
    this.record('info', message, meta);
  }

  warn(message: string, meta?: Record<string, unknown>): void {
    this.record('warn', message, meta);
  }

  error(message: string, meta?: Record<string, unknown>): void {
    this.record('error', message, meta);
  }

  private record(
    level: LogLevel,
    message: string,
    meta: Record<string, unknown> | undefined,
  ): void {
    this.recorded.push(
      meta === undefined ? { level, message } : { level, message, meta: { ...meta } },
    );
  }
}
