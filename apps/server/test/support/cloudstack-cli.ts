import { execFile } from 'node:child_process';

import { type ApiKeyPair } from './api-keys';
import { type JsonBody } from './json-body';

/** Debian's package `cs` installs exoscale's CloudStack client under this name. */
export const CLOUDSTACK_CLI = '/usr/bin/cloudstack';

/** What one `cloudstack` run printed: its exit code and stdout parsed as JSON (`{}` when empty). */
export interface CliResult {
  readonly exitCode: number;
  readonly json: JsonBody;
  readonly stderr: string;
}

/**
 * Runs the real `cloudstack` CLI against the server at `baseUrl` (its `/client/api`) with the key
 * pair in CLOUDSTACK_* variables. For async commands the CLI polls `queryAsyncJobResult` itself and
 * prints the job result; on an API error it exits non-zero and prints the error body.
 */
export function runCloudstack(
  baseUrl: string,
  keys: ApiKeyPair,
  command: string,
  params: Readonly<Record<string, string | number | boolean>> = {},
  /** Options before the command, e.g. `--post` to send a form body. */
  flags: readonly string[] = [],
  /** CLOUDSTACK_* settings replacing the defaults below, e.g. a slower `CLOUDSTACK_POLL_INTERVAL`. */
  settings: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  const args = [...flags, command, ...Object.entries(params).map(([name, value]) => `${name}=${String(value)}`)];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    CLOUDSTACK_ENDPOINT: `${baseUrl}/client/api`,
    CLOUDSTACK_KEY: keys.apiKey,
    CLOUDSTACK_SECRET: keys.secretKey,
    // Poll jobs often: the server answers in milliseconds.
    CLOUDSTACK_POLL_INTERVAL: '0.05',
    CLOUDSTACK_TIMEOUT: '30',
    ...settings,
  };
  return new Promise((resolve, reject) => {
    execFile(CLOUDSTACK_CLI, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (exitCode === -1) {
        reject(new Error(`${CLOUDSTACK_CLI} ${command} could not run: ${error?.message ?? ''}`));
        return;
      }
      let json: JsonBody = {};
      try {
        json = stdout.trim() === '' ? {} : (JSON.parse(stdout) as JsonBody);
      } catch {
        reject(new Error(`${CLOUDSTACK_CLI} ${command} printed something that is not JSON: ${stdout}\n${stderr}`));
        return;
      }
      resolve({ exitCode, json, stderr });
    });
  });
}

/**
 * What the CLI printed for a successful call: the body under `<command>response` (the CLI drops
 * that key), or the job result of an async command. Throws with what it printed otherwise.
 */
export function cliOk(result: CliResult): JsonBody {
  if (result.exitCode !== 0) throw new Error(`cloudstack failed (${result.exitCode}): ${JSON.stringify(result.json)} ${result.stderr}`);
  return result.json;
}

/**
 * The error a failed call printed, as `{errorcode, errortext}`: the `<command>response` envelope of a
 * call refused at once, or the job result of an async command whose job failed. Throws when the
 * call succeeded.
 */
export function cliError(result: CliResult, command: string): { errorcode: number; errortext: string } {
  if (result.exitCode === 0) throw new Error(`cloudstack ${command} succeeded where it should fail: ${JSON.stringify(result.json)}`);
  const envelope = (result.json.queryasyncjobresultresponse?.jobresult ?? result.json[`${command.toLowerCase()}response`]) as
    | JsonBody
    | undefined;
  if (envelope === undefined) throw new Error(`cloudstack ${command} printed no error envelope: ${JSON.stringify(result.json)} ${result.stderr}`);
  return { errorcode: envelope.errorcode as number, errortext: envelope.errortext as string };
}
