import { readFile } from 'node:fs/promises';

/**
 * Reads and parses a package.json. Throws an `Error` whose message says what is wrong (missing
 * file, bad JSON, not an object) so callers can put it in a diagnostic.
 */
export async function readPackageManifest(manifestPath: string): Promise<Readonly<Record<string, unknown>>> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${manifestPath}: ${errorMessage(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${manifestPath} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
  if (!isPlainObject(parsed)) {
    throw new Error(`${manifestPath} does not contain a JSON object`);
  }
  return parsed;
}

/** Whether `value` is a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`: errors may come from
 * another realm (Node internals under a test runner's VM context) or be plain objects.
 */
export function errorMessage(error: unknown): string {
  if (isPlainObject(error) && typeof error.message === 'string') return error.message;
  return String(error);
}
