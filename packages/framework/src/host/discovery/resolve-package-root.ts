import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where an installed package lives. */
export interface PackageLocation {
  /** The package's directory, symlinks resolved. */
  readonly root: string;
  readonly manifestPath: string;
}

/**
 * Finds the directory of `packageName` the way Node would load it from `fromPackageJson` (the
 * host's or the plugin folder's package.json). Returns undefined when it is not installed there.
 *
 * @remarks
 * Tries, in order: `require.resolve('<name>/package.json')`; when the package's `exports` hides its
 * package.json, walking up from `require.resolve('<name>')` to the package.json carrying that name;
 * when the package has no CommonJS entry either (ESM-only `exports`), Node's own lookup folders
 * (`require.resolve.paths`). None of these lists a `node_modules` folder.
 */
export function resolvePackageRoot(packageName: string, fromPackageJson: string): PackageLocation | undefined {
  const resolver = createRequire(fromPackageJson);
  return (
    resolveManifestDirectly(resolver, packageName) ??
    resolveByWalkingUpFromEntry(resolver, packageName) ??
    resolveThroughLookupPaths(resolver, packageName)
  );
}

function resolveManifestDirectly(resolver: NodeJS.Require, packageName: string): PackageLocation | undefined {
  const manifestPath = tryResolve(resolver, `${packageName}/package.json`);
  return manifestPath === undefined ? undefined : { root: dirname(manifestPath), manifestPath };
}

function resolveByWalkingUpFromEntry(resolver: NodeJS.Require, packageName: string): PackageLocation | undefined {
  const entry = tryResolve(resolver, packageName);
  if (entry === undefined) return undefined;
  // Built packages often carry nested package.json files (`dist/package.json` with only a `type`),
  // so the first one up is not necessarily the package's own: match on the name.
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    const manifestPath = join(dir, 'package.json');
    if (existsSync(manifestPath) && manifestName(manifestPath) === packageName) {
      return { root: dir, manifestPath };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function resolveThroughLookupPaths(resolver: NodeJS.Require, packageName: string): PackageLocation | undefined {
  for (const folder of resolver.resolve.paths(packageName) ?? []) {
    const manifestPath = join(folder, packageName, 'package.json');
    if (existsSync(manifestPath)) {
      const realManifestPath = realpathSync(manifestPath);
      return { root: dirname(realManifestPath), manifestPath: realManifestPath };
    }
  }
  return undefined;
}

function tryResolve(resolver: NodeJS.Require, request: string): string | undefined {
  try {
    return resolver.resolve(request);
  } catch {
    // Not installed, or hidden by `exports`: the caller tries the next way.
    return undefined;
  }
}

function manifestName(manifestPath: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
