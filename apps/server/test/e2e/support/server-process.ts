import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built server's entry point (`pnpm --filter @csbr/server build` runs before the tests). */
export const BUILT_SERVER = join(__dirname, '../../../dist/main.js');

/**
 * A free TCP port on 127.0.0.1, picked by the OS, for a server that must keep its port across restarts.
 * Free when picked only: another process may take it before the server listens. A server that is not
 * restarted listens on `PORT=0` instead and names its port in the log ({@link ServerProcess.port}).
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `node dist/main.js` running as a child process. */
export class ServerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.record(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.record(chunk));
  }

  /** Starts the built server with `env` and resolves once it logs that it listens. */
  static async start(env: Readonly<Record<string, string>>, timeoutMs = 30_000, cwd?: string): Promise<ServerProcess> {
    const child = spawn(process.execPath, [BUILT_SERVER], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      ...(cwd === undefined ? {} : { cwd }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child);
    await server.waitForOutput(/Listening on http:\/\//, timeoutMs);
    return server;
  }

  /** The port the server logged it listens on (`Listening on http://…:<port>`), e.g. with `PORT=0`. */
  get port(): number {
    const match = /Listening on http:\/\/\S+:(\d+)/.exec(this.output);
    if (match === null) throw new Error(`the server has not logged its port:\n${this.output}`);
    return Number(match[1]);
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  /** Kills the process at once (no shutdown hooks run) and waits for it to be gone. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** Asks the process to shut down and waits for it to exit. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  private waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the server did not match ${String(pattern)} within ${timeoutMs} ms:\n${this.output}`));
      }, timeoutMs);
      const onData = (): void => {
        if (pattern.test(this.output)) {
          cleanup();
          resolve();
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the server exited (${String(code)}) before ${String(pattern)}:\n${this.output}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
      onData();
    });
  }

  private record(chunk: Buffer): void {
    this.output += chunk.toString('utf8');
  }
}
