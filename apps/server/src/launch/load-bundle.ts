import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** The server's one-file bundle, loaded: its exports, and a way to save V8's code cache of it. */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /** Whether a code cache was there and V8 took it. */
  readonly fromCache: boolean;
  /** Writes V8's code for every function compiled so far next to the bundle (`<bundle>.cache`). */
  writeCache(): void;
}

/**
 * Loads a CommonJS bundle as `require` would, but through `vm.Script` so that V8 can reuse the
 * code it compiled before (`<bundle>.cache`, written at build time): parsing and compiling the
 * bundle's functions is most of what is left of a cold start once module resolution is gone.
 *
 * The cache is used only when it is newer than the bundle (the build deletes it before bundling,
 * and V8 itself checks little more than the source length); V8 rejects one made by another Node
 * version or with other flags, and the bundle then compiles as usual.
 *
 * Code in the bundle cannot `import()`: Node 20 loses the dynamic-import callback of a script
 * compiled from a cache. What imports (provider discovery, in `@csbr/framework`) stays outside.
 */
export function loadBundle(file: string): LoadedBundle {
  const cacheFile = `${file}.cache`;
  const cachedData = currentCache(file, cacheFile);
  const script = new Script(wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    fromCache: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}

function currentCache(file: string, cacheFile: string): Buffer | undefined {
  try {
    if (statSync(cacheFile).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    // No cache (a first build, or a read-only copy without one): compile as usual.
    return undefined;
  }
}
