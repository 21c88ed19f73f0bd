import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A provider package to install into a `CSBR_PLUGIN_DIR`, as an operator's `npm install` would. */
export interface PluginProviderPackage {
  readonly packageName: string;
  /** The marker's provider name. */
  readonly provider: string;
  /** The marker's contract range, e.g. `^1.0.0`. */
  readonly contract: string;
  /** `index.js`, CommonJS, default-exporting a branded definition. */
  readonly source: string;
}

/**
 * Writes a provider package under `<pluginDir>/node_modules` and lists it in the plugin folder's
 * `package.json`, keeping the packages installed before.
 */
export function installPluginProvider(pluginDir: string, pkg: PluginProviderPackage): void {
  const packageDir = join(pluginDir, 'node_modules', pkg.packageName);
  mkdirSync(packageDir, { recursive: true });
  const manifestFile = join(pluginDir, 'package.json');
  let dependencies: Record<string, string> = {};
  try {
    dependencies = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { dependencies?: Record<string, string> })
      .dependencies ?? {};
  } catch {
    // First package of the folder.
  }
  writeFileSync(
    manifestFile,
    JSON.stringify({ name: 'csbr-plugins', private: true, dependencies: { ...dependencies, [pkg.packageName]: '1.0.0' } }),
  );
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({
      name: pkg.packageName,
      version: '1.0.0',
      main: 'index.js',
      keywords: ['csbr-provider'],
      csbr: { provider: pkg.provider, contract: pkg.contract },
    }),
  );
  writeFileSync(join(packageDir, 'index.js'), pkg.source);
}
