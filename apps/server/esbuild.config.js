/*
 * `pnpm build`, after tsc: bundles the compiled server (dist/start.js and everything it requires,
 * node_modules included) into dist/bundle/start.js, which dist/main.js loads, and writes V8's code
 * cache of it (dist/bundle/start.js.cache). See src/main.ts and src/launch/load-bundle.ts.
 *
 * Left outside the bundle, loaded from node_modules as before:
 * - packages Nest or TypeORM require only when present, which are not installed;
 * - pino and its transports (pino-pretty, thread-stream): they start worker threads from files;
 * - sql.js, which finds its wasm next to its own file;
 * - the framework and the provider packages (@csbr/*): discovery imports providers with import(),
 *   which a script compiled from a V8 code cache cannot do on Node 20 (the callback is lost), and
 *   providers and server then share one copy of the framework, as without the bundle.
 * The bundle sits one folder below dist/ so that `__dirname`-relative paths (the data folder,
 * the server's package.json) resolve as they do from dist/<folder>/<file>.js.
 */
const { build } = require('esbuild');
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, 'dist');
const bundle = join(dist, 'bundle', 'start.js');

async function main() {
  // A cache left from another bundle must never meet this one (see load-bundle.ts).
  rmSync(`${bundle}.cache`, { force: true });
  await build({
    entryPoints: [join(dist, 'start.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Nest and TypeORM show class names (logs, errors, metadata): keep them through renaming.
    keepNames: true,
    logLevel: 'warning',
    external: [
      '@nestjs/microservices',
      '@nestjs/websockets',
      '@nestjs/platform-socket.io',
      '@fastify/*',
      'class-transformer',
      'class-validator',
      'pino',
      'pino-pretty',
      'thread-stream',
      'sql.js',
      '@csbr/*',
    ],
  });
  // Loading the bundle runs every module's top level (nothing starts: that is run()'s job), so
  // the cache holds the code of all of them.
  const { loadBundle } = require(join(dist, 'launch', 'load-bundle.js'));
  loadBundle(bundle).writeCache();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
