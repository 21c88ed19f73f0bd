import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built `csbr` bin (package.json `bin`); turbo builds the package before its tests. */
export const CSBR_CLI = join(__dirname, '../../../dist/cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails early, with the fix, when the server has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(CSBR_CLI)) throw new Error(`${CSBR_CLI} is missing: build the server first (pnpm --filter @csbr/server build)`);
}

/** Runs `csbr <args>` as an operator would, with only PATH and `env` in its environment. */
export function runCsbr(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CSBR_CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
