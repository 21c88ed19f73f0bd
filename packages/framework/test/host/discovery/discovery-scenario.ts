import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ProviderSource } from '../../../src/host/provider-types';

/** The committed fixture folders. */
export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures');
export const FIXTURE_HOST_DIR = join(FIXTURES_DIR, 'host');
export const FIXTURE_PLUGIN_DIR = join(FIXTURES_DIR, 'plugin-dir');

/** A package written by the test itself, for one-off variants of the committed fixtures. */
export interface InlinePackage {
  readonly source: ProviderSource;
  readonly name: string;
  readonly version: string;
  readonly csbr?: unknown;
  /** CommonJS source of `index.js`. */
  readonly code: string;
}

export interface ScenarioOptions {
  /** Packages of `fixtures/host/node_modules` to install and list as the server's dependencies. */
  readonly dependencies?: readonly string[];
  /** Packages of `fixtures/plugin-dir/node_modules` to install in a plugin folder; no folder when undefined. */
  readonly pluginPackages?: readonly string[];
  readonly inlinePackages?: readonly InlinePackage[];
  /** Names listed in a package.json but not installed. */
  readonly notInstalled?: { readonly dependency?: readonly string[]; readonly pluginDir?: readonly string[] };
  /** Symlink packages into node_modules, as pnpm does, instead of copying them. */
  readonly symlinked?: boolean;
}

export interface Scenario {
  readonly hostPackageJsonPath: string;
  /** Set when the scenario has plugin packages. */
  readonly pluginDir?: string;
  /** A plugin folder path that does not exist. */
  readonly missingPluginDir: string;
  remove(): void;
}

/**
 * Builds a throw-away server folder (and plugin folder) in the OS temp dir from the committed
 * fixture packages, so each test sees only the packages of its case, at paths no other test loaded.
 */
export function buildScenario(options: ScenarioOptions): Scenario {
  const root = mkdtempSync(join(tmpdir(), 'csbr-discovery-'));
  const hostDir = join(root, 'server');
  const pluginDir = join(root, 'plugins');
  const inline = options.inlinePackages ?? [];
  const dependencyNames = [
    ...(options.dependencies ?? []),
    ...inline.filter((pkg) => pkg.source === 'dependency').map((pkg) => pkg.name),
    ...(options.notInstalled?.dependency ?? []),
  ];
  writeManifest(hostDir, 'csbr-test-server', dependencyNames);
  for (const name of options.dependencies ?? []) {
    install(join(FIXTURE_HOST_DIR, 'node_modules', name), join(hostDir, 'node_modules', name), options.symlinked);
  }

  const pluginInline = inline.filter((pkg) => pkg.source === 'plugin-dir');
  const hasPluginDir =
    options.pluginPackages !== undefined || pluginInline.length > 0 || options.notInstalled?.pluginDir !== undefined;
  if (hasPluginDir) {
    writeManifest(pluginDir, 'csbr-test-plugins', [
      ...(options.pluginPackages ?? []),
      ...pluginInline.map((pkg) => pkg.name),
      ...(options.notInstalled?.pluginDir ?? []),
    ]);
    for (const name of options.pluginPackages ?? []) {
      install(join(FIXTURE_PLUGIN_DIR, 'node_modules', name), join(pluginDir, 'node_modules', name), options.symlinked);
    }
  }
  for (const pkg of inline) {
    writeInlinePackage(join(pkg.source === 'dependency' ? hostDir : pluginDir, 'node_modules', pkg.name), pkg);
  }

  return {
    hostPackageJsonPath: join(hostDir, 'package.json'),
    ...(hasPluginDir ? { pluginDir } : {}),
    missingPluginDir: join(root, 'no-such-plugin-dir'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function writeManifest(dir: string, name: string, dependencies: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { name, version: '1.0.0', private: true, dependencies: Object.fromEntries(dependencies.map((dep) => [dep, '*'])) };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function install(from: string, to: string, symlinked = false): void {
  mkdirSync(dirname(to), { recursive: true });
  if (symlinked) symlinkSync(from, to, 'dir');
  else cpSync(from, to, { recursive: true });
}

function writeInlinePackage(dir: string, pkg: InlinePackage): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: pkg.name, version: pkg.version, main: 'index.js', ...(pkg.csbr === undefined ? {} : { csbr: pkg.csbr }) };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'index.js'), pkg.code);
}

/** CommonJS source of a valid, branded provider definition named `name`. */
export function providerSource(name: string, description = `Inline provider ${name}`): string {
  return `'use strict';
module.exports = {
  $$type: '@csbr/BackupProviderDefinition',
  name: ${JSON.stringify(name)},
  description: ${JSON.stringify(description)},
  configKeys: [],
  create: (context) => ({ createdFor: context.providerName }),
};
`;
}

/** CommonJS source that fails the test run if discovery ever imports it. */
export function neverImportedSource(name: string): string {
  return `'use strict';\nthrow new Error(${JSON.stringify(`${name} must not be imported`)});\n`;
}
