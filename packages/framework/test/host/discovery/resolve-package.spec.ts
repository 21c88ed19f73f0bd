import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePackageEntry } from '../../../src/host/discovery/resolve-package-entry';
import { resolvePackageRoot } from '../../../src/host/discovery/resolve-package-root';
import { readPackageManifest } from '../../../src/host/discovery/read-package-manifest';

describe('package resolution', () => {
  let root: string;
  let hostPackageJson: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'csbr-resolve-'));
    hostPackageJson = join(root, 'package.json');
    writeFileSync(hostPackageJson, JSON.stringify({ name: 'host', dependencies: { 'esm-only': '*' } }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writePackage(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
    const dir = join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  }

  it('finds an ESM-only package that neither exports its package.json nor has a require entry', async () => {
    const dir = writePackage('esm-only', { type: 'module', exports: { '.': { import: './dist/index.js' } } }, {
      'dist/index.js': 'export default {};\n',
    });

    const location = resolvePackageRoot('esm-only', hostPackageJson);

    expect(location).toEqual({ root: dir, manifestPath: join(dir, 'package.json') });
    const manifest = await readPackageManifest(location!.manifestPath);
    const entry = resolvePackageEntry({
      packageName: 'esm-only',
      source: 'dependency',
      resolvedFrom: hostPackageJson,
      root: dir,
      manifest,
    });
    expect(entry).toBe(join(dir, 'dist', 'index.js'));
  });

  it('walks past nested package.json files to the one carrying the package name', () => {
    const dir = writePackage('nested', { main: 'dist/cjs/index.js', exports: { '.': { require: './dist/cjs/index.js' } } }, {
      'dist/cjs/index.js': 'module.exports = {};\n',
      'dist/cjs/package.json': '{ "type": "commonjs" }',
    });

    expect(resolvePackageRoot('nested', hostPackageJson)?.root).toBe(dir);
  });

  it('answers undefined for a package that is not installed', () => {
    expect(resolvePackageRoot('not-installed', hostPackageJson)).toBeUndefined();
  });
});
