import { execFile } from 'node:child_process';

import { type Json } from '../../support/json-body';

/** Debian's package `cs` installs exoscale's CloudStack client under this name. */
export const CLOUDSTACK_CLI = '/usr/bin/cloudstack';

/** One run of the real client: its exit code and what it printed, parsed (`{}` when empty). */
export interface CloudstackRun {
  readonly exitCode: number;
  readonly json: Record<string, Json>;
  readonly stderr: string;
}

/**
 * Runs exoscale's `cloudstack` CLI against the server with an API key pair. For async commands the
 * CLI polls `queryAsyncJobResult` itself and prints the job result.
 */
export function cloudstack(
  baseUrl: string,
  keys: { readonly apiKey: string; readonly secretKey: string },
  command: string,
  params: Readonly<Record<string, string | number | boolean>> = {},
): Promise<CloudstackRun> {
  const args = [command, ...Object.entries(params).map(([name, value]) => `${name}=${String(value)}`)];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    CLOUDSTACK_ENDPOINT: `${baseUrl}/client/api`,
    CLOUDSTACK_KEY: keys.apiKey,
    CLOUDSTACK_SECRET: keys.secretKey,
    CLOUDSTACK_POLL_INTERVAL: '0.05',
    CLOUDSTACK_TIMEOUT: '30',
  };
  return new Promise((resolve, reject) => {
    execFile(CLOUDSTACK_CLI, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (exitCode === -1) {
        reject(new Error(`${CLOUDSTACK_CLI} ${command} could not run: ${error?.message ?? ''}`));
        return;
      }
      try {
        resolve({ exitCode, json: stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, Json>), stderr });
      } catch {
        reject(new Error(`${CLOUDSTACK_CLI} ${command} printed something that is not JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}
