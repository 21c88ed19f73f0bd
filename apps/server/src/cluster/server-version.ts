import { readFileSync } from 'node:fs';

import { findHostPackageJson } from '../providers/host-package-json';

/** The server package's version, as `mshost.version` records it. */
export function serverVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(findHostPackageJson(), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
