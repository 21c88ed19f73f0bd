import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { cpuMillisOf } from './proc-stats';

/** One cold start: wall time to the first `/health` 200, and the CPU time the process used by then. */
export interface ColdStart {
  readonly wallMs: number;
  /** User + system CPU of the server process up to that answer: what a loaded machine cannot inflate. */
  readonly cpuMs: number;
}

/** From spawning `node dist/main.js` to its first `/health` answering 200. */
export async function coldStart(env: Readonly<Record<string, string>>): Promise<ColdStart> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(__dirname, '../../dist/main.js')], {
    env: { ...process.env, ...env, PORT: '0', CSBR_LOG_LEVEL: 'info', CSBR_SYNC_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1].replace(/[",}]+$/, ''));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${output.slice(-2000)}`)));
    });
    for (;;) {
      const response = await fetch(`${url}/health`).catch(() => undefined);
      if (response?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { wallMs, cpuMs: child.pid === undefined ? Number.NaN : cpuMillisOf(child.pid) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** A trivial provider package's `index.js`: a branded definition whose provider does nothing. */
export function trivialProviderSource(name: string): string {
  return `'use strict';
const none = () => Promise.resolve(undefined);
module.exports.default = {
  $$type: '@csbr/BackupProviderDefinition',
  name: ${JSON.stringify(name)},
  description: 'Bench provider ${name}',
  configKeys: [],
  create: () => ({
    listPolicies: () => Promise.resolve([]),
    isValidPolicy: () => Promise.resolve(true),
    assignVm: () => Promise.resolve({ externalId: 'x' }),
    removeVm: none,
    willDeleteBackupsOnPolicyRemoval: () => false,
    takeBackup: () => Promise.resolve({ externalId: 'x', created: new Date(), type: 'Full', size: 0, protectedSize: 0 }),
    deleteBackup: none,
    restoreVm: none,
    restoreVolume: () => Promise.resolve({ restoredLocation: 'x' }),
    getMetrics: () => Promise.resolve(new Map()),
  }),
};
`;
}
