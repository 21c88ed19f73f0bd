import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Agent, request } from 'undici';

/**
 * The VBR simulator in a process of its own (its CLI), so that the server's memory is measured
 * alone; driven through its HTTP control API under `/_simulator`.
 */
export interface SimulatorProcess {
  readonly url: string;
  readonly caCertificate: string;
  control<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startSimulatorProcess(personality: '12' | '13'): Promise<SimulatorProcess> {
  const folder = mkdtempSync(join(tmpdir(), 'csbr-vbr-'));
  const caFile = join(folder, 'ca.pem');
  const cli = require.resolve('@csbr/veeam-simulator/package.json').replace(/package\.json$/, 'dist/cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--personality', personality, '--port', '0', '--seed', 'empty', '--ca-out', caFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening at (https:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening: ${output}`)));
  });
  const caCertificate = readFileSync(caFile, 'utf8');
  const dispatcher = new Agent({ connect: { ca: caCertificate } });
  return {
    url,
    caCertificate,
    async control<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
      const response = await request(`${url}/_simulator${path}`, {
        method,
        dispatcher,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await response.body.text();
      if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async stop() {
      await dispatcher.close();
      child.kill('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
