import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { BACKUP_PROVIDER_CONTRACT_VERSION, PROVIDER_NAME_PATTERN } from '@csbr/framework';

/** What {@link scaffoldProvider} generates. @public */
export interface ScaffoldOptions {
  /** The provider name: lower-case kebab, e.g. `acme`. */
  readonly name: string;
  /** Where to write the package; `./csbr-provider-<name>` when left out. */
  readonly directory?: string;
  readonly description?: string;
}

/** What was generated. @public */
export interface ScaffoldResult {
  readonly directory: string;
  readonly packageName: string;
  readonly files: readonly string[];
  /** The peer range on `@csbr/framework` and the marker's contract range written into package.json. */
  readonly frameworkRange: string;
  readonly contractRange: string;
}

const TEMPLATE = join(__dirname, '..', 'template');
/** Files npm would drop or rename when publishing this package, stored under another name. */
const RENAMED: Readonly<Record<string, string>> = { '_package.json': 'package.json', _gitignore: '.gitignore' };

/**
 * Writes a provider package that builds, passes the csbr contract suite and installs into a csbr
 * plugin folder unchanged: the marker, a peer range on the framework this starter was released
 * with, tsconfig, jest with the contract suite, a README, and a provider whose every optional
 * operation is refused through capability flags until written.
 *
 * @throws Error for an invalid name or a directory that exists and is not empty.
 * @public
 */
export function scaffoldProvider(options: ScaffoldOptions): ScaffoldResult {
  const name = options.name.trim();
  if (!PROVIDER_NAME_PATTERN.test(name)) {
    throw new Error(`"${name}" is not a provider name: use lower-case letters, digits and dashes, e.g. "acme"`);
  }
  const packageName = `csbr-provider-${name}`;
  const directory = options.directory ?? join(process.cwd(), packageName);
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new Error(`${directory} exists and is not empty`);
  }
  const frameworkVersion = (
    JSON.parse(readFileSync(require.resolve('@csbr/framework/package.json'), 'utf8')) as { version: string }
  ).version;
  const [major, minor] = BACKUP_PROVIDER_CONTRACT_VERSION.split('.');
  const values: Readonly<Record<string, string>> = {
    __PACKAGE__: packageName,
    __NAME__: name,
    __CLASS__: `${pascalCase(name)}BackupProvider`,
    __DESCRIPTION__: options.description ?? `${pascalCase(name)} backup provider for csbr`,
    __FRAMEWORK_RANGE__: `^${frameworkVersion}`,
    __CONTRACT_RANGE__: `^${major}.${minor}.0`,
  };
  const files: string[] = [];
  for (const source of listFiles(TEMPLATE)) {
    const relativePath = relative(TEMPLATE, source);
    const target = join(directory, RENAMED[relativePath] ?? relativePath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, substitute(readFileSync(source, 'utf8'), values));
    files.push(relative(directory, target));
  }
  return {
    directory,
    packageName,
    files: files.sort(),
    frameworkRange: values.__FRAMEWORK_RANGE__ ?? '',
    contractRange: values.__CONTRACT_RANGE__ ?? '',
  };
}

function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce((result, [placeholder, value]) => result.split(placeholder).join(value), text);
}

function pascalCase(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
