import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The suite fails for providers that break the contract: runs it in a child jest over a provider
 * with one defect each, and reads which step failed.
 */
describe('describeBackupProviderContract catches broken providers', () => {
  const packageRoot = join(__dirname, '..', '..');

  function runSuiteOn(defect: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'csbr-contract-'));
    try {
      const spec = join(dir, 'broken.spec.ts');
      writeFileSync(
        spec,
        `import { describeBackupProviderContract } from ${JSON.stringify(join(packageRoot, 'src', 'testing'))};
import { memoryProvider } from ${JSON.stringify(join(__dirname, 'memory-provider'))};
const definition = memoryProvider('broken');
const create = definition.create;
describeBackupProviderContract({
  definition: { ...definition, create: async (context) => {
    const provider = await create(context);
    ${defect}
    return provider;
  } },
});
`,
      );
      const jest = require.resolve('jest/bin/jest');
      const run = spawnSync(process.execPath, [jest, '--rootDir', dir, '--config', JSON.stringify(childJestConfig()), spec], {
        cwd: packageRoot,
        encoding: 'utf8',
      });
      return `${run.stdout}${run.stderr}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  function childJestConfig(): object {
    return {
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
      testRegex: 'broken\\.spec\\.ts$',
    };
  }

  it('fails a provider that logs a secure value', () => {
    const output = runSuiteOn(`
    const assign = provider.assignVm.bind(provider);
    return { ...provider, assignVm: async (request) => {
      context.logger.info('connecting', { password: await context.config.get('backup.plugin.broken.password') });
      return assign(request);
    } };`);
    expect(output).toMatch(/✕ never logs the value of a secure configuration key/);
    expect(output).toMatch(/Tests:\s+1 failed, 13 passed/);
  }, 60_000);

  it('fails a provider that ignores an aborted signal', () => {
    const output = runSuiteOn(`
    return { ...provider, takeBackup: async () => ({ externalId: 'rp-x', created: new Date(), type: 'Full' }), listRestorePoints: undefined };`);
    expect(output).toMatch(/✕ gives up an operation whose call is aborted/);
  }, 60_000);

  it('fails a provider that refuses an operation without declaring it', () => {
    const output = runSuiteOn(`
    return { ...provider, restoreVm: () => Promise.reject(new Error('not today')) };`);
    expect(output).toMatch(/✕ restores the VM, or refuses with NOT_SUPPORTED/);
  }, 60_000);
});
