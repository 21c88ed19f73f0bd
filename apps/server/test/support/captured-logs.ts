import { Logger, type LoggerService } from '@nestjs/common';

/** One line a Nest `Logger` wrote while captured. */
export interface CapturedLine {
  readonly level: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** The message, with a structured call's fields appended as JSON. */
  readonly text: string;
  readonly context: string | undefined;
}

/**
 * Captures what every Nest `Logger` (`new Logger('X')` and the app's own) writes, instead of printing it:
 * for tests that expect an error or a warning, so that a passing run prints nothing alarming and the test
 * can assert on the line. Call `restore()` in `afterEach`/`afterAll`.
 */
export interface CapturedLogs {
  readonly lines: CapturedLine[];
  /** The texts of the lines of one level (all levels without one). */
  texts(level?: CapturedLine['level']): string[];
  restore(): void;
}

export function captureLogs(): CapturedLogs {
  const lines: CapturedLine[] = [];
  const record =
    (level: CapturedLine['level']) =>
    (message: unknown, ...params: unknown[]): void => {
      const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
      const text = typeof message === 'object' && message !== null && typeof params[0] === 'string'
        ? `${params[0]} ${JSON.stringify(message)}`
        : String(message);
      lines.push({ level, text, context });
    };
  const recorder: LoggerService = {
    fatal: record('fatal'),
    error: record('error'),
    warn: record('warn'),
    log: record('log'),
    debug: record('debug'),
    verbose: record('verbose'),
  };
  const previous = (Logger as unknown as { staticInstanceRef?: LoggerService }).staticInstanceRef;
  Logger.overrideLogger(recorder);
  return {
    lines,
    texts: (level) => lines.filter((line) => level === undefined || line.level === level).map((line) => line.text),
    restore: () => {
      Logger.overrideLogger(previous ?? false);
    },
  };
}
