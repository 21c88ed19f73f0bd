import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SERVER_PACKAGE_NAME = '@csbr/server';

/**
 * The server's own package.json, whose dependencies are provider candidates. Walks up from this
 * file, so it works from `src/` under jest and from `dist/` alike.
 */
export function findHostPackageJson(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && readPackageName(candidate) === SERVER_PACKAGE_NAME) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the package.json of ${SERVER_PACKAGE_NAME} above ${startDir}`);
    dir = parent;
  }
}

function readPackageName(path: string): unknown {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
