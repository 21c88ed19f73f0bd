/**
 * The JSON file `csbr import-inventory` reads. Every list is optional. Names reference each other:
 * a domain by its path (`/`, `ROOT`, `/sales/`, `sales/emea` or `ROOT/sales/emea`), a zone by
 * name, an account by name within its domain.
 */
export interface InventoryFile {
  readonly zones: readonly ZoneItem[];
  readonly domains: readonly DomainItem[];
  readonly accounts: readonly AccountItem[];
  readonly vms: readonly VmItem[];
}

export interface ZoneItem {
  readonly name: string;
  readonly description?: string;
  readonly dns1: string;
  readonly internaldns1: string;
  readonly networktype: 'Basic' | 'Advanced';
  readonly allocationstate: 'Enabled' | 'Disabled';
}

export interface DomainItem {
  readonly name: string;
  /** Normalised parent path, `/` for ROOT. */
  readonly parent: string;
}

export interface UserItem {
  readonly username: string;
  /** In clear in the file; stored hashed. Without one the user cannot log in (API keys only). */
  readonly password?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly email?: string;
  readonly timezone?: string;
  /** Both or neither; the secret key is stored encrypted. */
  readonly apikey?: string;
  readonly secretkey?: string;
}

export interface AccountItem {
  readonly name: string;
  /** Normalised domain path. */
  readonly domain: string;
  /** CloudStack account type: 0 user, 1 admin, 2 domain admin. */
  readonly type: number;
  readonly users: readonly UserItem[];
}

export interface VmItem {
  readonly name?: string;
  readonly zone: string;
  readonly account: string;
  /** Normalised domain path. */
  readonly domain: string;
  readonly state: 'Running' | 'Stopped';
  /** GiB. */
  readonly rootDiskSize: number;
  /** GiB each. */
  readonly dataDisks: readonly number[];
}

/** The file does not describe an inventory; `problems` name each bad field by its JSON path. */
export class InvalidInventoryFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The inventory file is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidInventoryFileError';
  }
}

const ACCOUNT_TYPES: Readonly<Record<string, number>> = { user: 0, admin: 1, domainadmin: 2 };
const MAX_PROBLEMS = 50;
const DEFAULT_ROOT_DISK_GIB = 8;

/** `/`, `ROOT`, `ROOT/a/b`, `a/b`, `/a/b/` → `/` or `/a/b/` (CloudStack's `domain.path`). */
export function normalizeDomainReference(reference: string): string {
  const parts = reference.split('/').filter((part) => part !== '');
  if (parts[0] === 'ROOT') parts.shift();
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/**
 * Checks the parsed JSON and fills the defaults (zone DNS `8.8.8.8`/`10.0.0.1`, network type
 * Advanced, zone Enabled, domain parent ROOT, account type user, VM Running with an 8 GiB ROOT
 * disk). Reports every problem at once (up to 50).
 */
export function parseInventoryFile(json: unknown): InventoryFile {
  const problems: string[] = [];
  const root = asObject(json, '$', problems) ?? {};
  const result: InventoryFile = {
    zones: listOf(root, 'zones', problems, parseZone),
    domains: listOf(root, 'domains', problems, parseDomain),
    accounts: listOf(root, 'accounts', problems, parseAccount),
    vms: listOf(root, 'vms', problems, parseVm),
  };
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
    throw new InvalidInventoryFileError(shown);
  }
  return result;
}

type Fields = Readonly<Record<string, unknown>>;

function parseZone(item: Fields, path: string, problems: string[]): ZoneItem {
  const networktype = text(item, 'networktype', path, problems) ?? 'Advanced';
  const allocationstate = text(item, 'allocationstate', path, problems) ?? 'Enabled';
  if (networktype !== 'Basic' && networktype !== 'Advanced') problems.push(`${path}.networktype must be Basic or Advanced`);
  if (allocationstate !== 'Enabled' && allocationstate !== 'Disabled') {
    problems.push(`${path}.allocationstate must be Enabled or Disabled`);
  }
  return {
    name: requiredText(item, 'name', path, problems),
    description: text(item, 'description', path, problems),
    dns1: text(item, 'dns1', path, problems) ?? '8.8.8.8',
    internaldns1: text(item, 'internaldns1', path, problems) ?? '10.0.0.1',
    networktype: networktype === 'Basic' ? 'Basic' : 'Advanced',
    allocationstate: allocationstate === 'Disabled' ? 'Disabled' : 'Enabled',
  };
}

function parseDomain(item: Fields, path: string, problems: string[]): DomainItem {
  const name = requiredText(item, 'name', path, problems);
  if (name.includes('/')) problems.push(`${path}.name must not contain '/'`);
  return { name, parent: normalizeDomainReference(text(item, 'parent', path, problems) ?? '/') };
}

function parseAccount(item: Fields, path: string, problems: string[]): AccountItem {
  return {
    name: requiredText(item, 'name', path, problems),
    domain: normalizeDomainReference(text(item, 'domain', path, problems) ?? '/'),
    type: accountType(item.type, `${path}.type`, problems),
    users: listOf(item, 'users', problems, parseUser, path),
  };
}

function parseUser(item: Fields, path: string, problems: string[]): UserItem {
  const apikey = text(item, 'apikey', path, problems);
  const secretkey = text(item, 'secretkey', path, problems);
  if ((apikey === undefined) !== (secretkey === undefined)) problems.push(`${path}: apikey and secretkey go together`);
  return {
    username: requiredText(item, 'username', path, problems),
    password: text(item, 'password', path, problems),
    firstname: text(item, 'firstname', path, problems),
    lastname: text(item, 'lastname', path, problems),
    email: text(item, 'email', path, problems),
    timezone: text(item, 'timezone', path, problems),
    apikey,
    secretkey,
  };
}

function parseVm(item: Fields, path: string, problems: string[]): VmItem {
  const state = text(item, 'state', path, problems) ?? 'Running';
  if (state !== 'Running' && state !== 'Stopped') problems.push(`${path}.state must be Running or Stopped`);
  const rootDiskSize =
    item.rootDiskSize === undefined ? DEFAULT_ROOT_DISK_GIB : (positiveNumber(item.rootDiskSize, `${path}.rootDiskSize`, problems) ?? 1);
  const dataDisks = item.dataDisks ?? [];
  const disks: number[] = [];
  if (!Array.isArray(dataDisks)) {
    problems.push(`${path}.dataDisks must be a list of sizes in GB`);
  } else {
    dataDisks.forEach((size: unknown, index) => disks.push(positiveNumber(size, `${path}.dataDisks[${index}]`, problems) ?? 1));
  }
  return {
    name: text(item, 'name', path, problems),
    zone: requiredText(item, 'zone', path, problems),
    account: requiredText(item, 'account', path, problems),
    domain: normalizeDomainReference(text(item, 'domain', path, problems) ?? '/'),
    state: state === 'Stopped' ? 'Stopped' : 'Running',
    rootDiskSize,
    dataDisks: disks,
  };
}

function listOf<T>(
  owner: Fields,
  key: string,
  problems: string[],
  parse: (item: Fields, path: string, problems: string[]) => T,
  ownerPath?: string,
): T[] {
  const path = ownerPath === undefined ? key : `${ownerPath}.${key}`;
  const value = owner[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${path} must be a list`);
    return [];
  }
  const items: T[] = [];
  value.forEach((element: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    const item = asObject(element, itemPath, problems);
    if (item !== undefined) items.push(parse(item, itemPath, problems));
  });
  return items;
}

function asObject(value: unknown, path: string, problems: string[]): Fields | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Fields;
  problems.push(`${path} must be an object`);
  return undefined;
}

function text(item: Fields, key: string, path: string, problems: string[]): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${path}.${key} must be a string`);
    return undefined;
  }
  return value;
}

function requiredText(item: Fields, key: string, path: string, problems: string[]): string {
  const value = text(item, key, path, problems);
  if (value === undefined || value.trim() === '') {
    if (value === undefined && item[key] === undefined) problems.push(`${path}.${key} is required`);
    else if (value !== undefined) problems.push(`${path}.${key} must not be empty`);
    return '';
  }
  return value;
}

function positiveNumber(value: unknown, path: string, problems: string[]): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  problems.push(`${path} must be a positive number of GB`);
  return undefined;
}

function accountType(value: unknown, path: string, problems: string[]): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && [0, 1, 2].includes(value)) return value;
  if (typeof value === 'string') {
    const type = ACCOUNT_TYPES[value.toLowerCase()];
    if (type !== undefined) return type;
  }
  problems.push(`${path} must be User, DomainAdmin, Admin (or 0, 2, 1)`);
  return 0;
}
