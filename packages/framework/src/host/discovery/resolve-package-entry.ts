import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type CandidatePackage } from './provider-package';
import { isPlainObject } from './read-package-manifest';

/** Conditions tried, in order, when a package has no CommonJS entry Node's `require` can see. */
const ENTRY_CONDITIONS = ['node', 'import', 'default'] as const;

/**
 * The file to import for a provider package: what `require.resolve(<name>)` gives from the
 * package.json that named it, so the copy imported is the copy whose marker was read.
 *
 * @remarks
 * ESM-only packages (`exports` with only an `import` condition) cannot be resolved by `require`;
 * for them the entry is read from `exports` (or `main`) of the package's own package.json.
 * @throws Error when no entry can be found.
 */
export function resolvePackageEntry(candidate: CandidatePackage): string {
  try {
    return createRequire(candidate.resolvedFrom).resolve(candidate.packageName);
  } catch (error) {
    const entry = entryFromManifest(candidate.manifest);
    if (entry === undefined) throw error;
    return join(candidate.root, entry);
  }
}

function entryFromManifest(manifest: Readonly<Record<string, unknown>>): string | undefined {
  const { exports } = manifest;
  const rootExport = isPlainObject(exports) && '.' in exports ? exports['.'] : exports;
  return pickConditionalTarget(rootExport) ?? (typeof manifest.main === 'string' ? manifest.main : undefined);
}

function pickConditionalTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (!isPlainObject(target)) return undefined;
  for (const condition of ENTRY_CONDITIONS) {
    const picked = pickConditionalTarget(target[condition]);
    if (picked !== undefined) return picked;
  }
  return undefined;
}
