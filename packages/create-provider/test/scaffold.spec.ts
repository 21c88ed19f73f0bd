import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BACKUP_PROVIDER_CONTRACT_VERSION } from '@csbr/framework';

import { scaffoldProvider } from '../src/scaffold';

describe('scaffoldProvider', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'csbr-starter-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes a provider package with the marker, the peer range and the contract suite', () => {
    const result = scaffoldProvider({ name: 'acme-cloud', directory: join(root, 'pkg') });

    expect(result.files).toEqual([
      '.gitignore',
      'README.md',
      'jest.config.js',
      'package.json',
      'src/config-keys.ts',
      'src/index.ts',
      'src/provider.ts',
      'test/contract.spec.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(result.directory, 'package.json'), 'utf8'));
    const [major, minor] = BACKUP_PROVIDER_CONTRACT_VERSION.split('.');
    expect(manifest).toMatchObject({
      name: 'csbr-provider-acme-cloud',
      keywords: ['csbr-provider'],
      csbr: { provider: 'acme-cloud', contract: `^${major}.${minor}.0` },
      peerDependencies: { '@csbr/framework': result.frameworkRange },
    });
    const provider = readFileSync(join(result.directory, 'src', 'provider.ts'), 'utf8');
    expect(provider).toContain('export class AcmeCloudBackupProvider implements BackupProvider');
    expect(provider).not.toMatch(/__[A-Z]+__/);
    expect(readFileSync(join(result.directory, 'test', 'contract.spec.ts'), 'utf8')).toContain('describeBackupProviderContract');
  });

  it('refuses a name csbr would refuse, and a directory that is not empty', () => {
    expect(() => scaffoldProvider({ name: 'Acme Cloud', directory: join(root, 'x') })).toThrow('is not a provider name');
    writeFileSync(join(root, 'taken'), '');
    expect(() => scaffoldProvider({ name: 'acme', directory: root })).toThrow('exists and is not empty');
  });

  it('explains itself on --help and a missing name, as a command', () => {
    const cli = join(__dirname, '..', 'dist', 'cli.js');
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: create-provider <name>');
    const missing = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    const created = spawnSync(process.execPath, [cli, 'acme', '--dir', join(root, 'acme')], { encoding: 'utf8' });
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created csbr-provider-acme');
  });
});
