import { Logger } from '@nestjs/common';

// Jest setup (jest.config.js `setupFiles`): Nest's default logger prints only warnings and errors in
// tests, so a passing run is not flooded with boot and job lines. A test that expects a warning or an
// error captures it (test/support/captured-logs.ts) and asserts on it; anything else still prints.
Logger.overrideLogger(['fatal', 'error', 'warn']);
