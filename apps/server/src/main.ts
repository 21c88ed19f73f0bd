import { statSync } from 'node:fs';
import { join } from 'node:path';

import { loadBundle } from './launch/load-bundle';

/**
 * `node dist/main.js`: starts the server from its one-file bundle, `dist/bundle/start.js`, which
 * `pnpm build` makes with esbuild, together with V8's code cache of it. Loading some 1,800 modules
 * one by one (each resolved through pnpm's symlinked folders, read and compiled on its own) is
 * most of a cold start's CPU time; one file, compiled once, is not. Without a bundle, or with one
 * older than this build (`tsc` run alone), the compiled modules start instead: same code, slower.
 */
function startModule(): { run(): void } {
  const bundle = join(__dirname, 'bundle', 'start.js');
  let current = false;
  try {
    current = statSync(bundle).mtimeMs >= statSync(__filename).mtimeMs;
  } catch {
    // No bundle.
  }
  if (current) return loadBundle(bundle).exports as unknown as { run(): void };
  // Loaded only here: importing it at the top would load every module even when the bundle starts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./start') as { run(): void };
}

if (require.main === module) startModule().run();
