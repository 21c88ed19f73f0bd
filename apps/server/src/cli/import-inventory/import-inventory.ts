import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';

import { type SecretCipher } from '../../configuration/secret-cipher';
import { AccountEntity, DataCenterEntity, DomainEntity, UserEntity } from '../../database/entities';
import { insertAccount, type NewUser } from '../../inventory/accounts/account-records';
import { createDomain } from '../../inventory/domains/domains.service';
import { insertVms, type NewVm } from '../../inventory/records/vm-records';
import { gibToBytes } from '../../inventory/support/gigabytes';
import { idText } from '../../inventory/support/id-text';
import { runInTransaction } from '../../persistence/run-in-transaction';
import { insertRow } from '../../persistence/insert-row';
import { zoneRow } from '../../inventory/zones/zones.service';
import { type AccountItem, type DomainItem, type InventoryFile, type UserItem } from './inventory-file';

/** What `importInventory` needs besides the data. */
export interface ImportOptions {
  /** Encrypts users' secret keys. */
  readonly cipher: SecretCipher;
  /** Hashes users' passwords (`hashPassword`). */
  readonly hashPassword: (password: string) => Promise<string>;
  /** VMs per transaction; 1000 by default. */
  readonly batchSize?: number;
  /** Called after each committed batch of VMs. */
  readonly onProgress?: (importedVms: number, totalVms: number) => void;
}

/** Counts of what was created, and what was already there and reused. */
export interface ImportSummary {
  readonly zones: { readonly created: number; readonly existing: number };
  readonly domains: { readonly created: number; readonly existing: number };
  readonly accounts: { readonly created: number; readonly existing: number };
  readonly users: number;
  readonly vms: number;
  readonly volumes: number;
}

/** Names in the file that match nothing in the file or the database; nothing was written. */
export class UnresolvedReferencesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The inventory file names things that do not exist:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'UnresolvedReferencesError';
  }
}

const DEFAULT_BATCH_SIZE = 1000;
/** Password hashes computed at once (scrypt runs on libuv's thread pool). */
const HASH_CONCURRENCY = 8;
/** A password hash `verifyPassword` never accepts: users without a password sign requests with keys only. */
const NO_LOGIN_PASSWORD = '!';
const MAX_PROBLEMS = 50;

/**
 * Records an inventory in bulk, as CloudStack's Simulator would hold it:
 * 1. checks that every name the file uses exists in the file or in the database (nothing is
 *    written otherwise);
 * 2. creates the zones, domains and accounts (with their users) in one transaction, reusing those
 *    that already exist (same zone name, same domain path, same account name in the domain);
 * 3. records the VMs with their volumes in batches, one transaction and a few multi-row INSERTs per
 *    batch. A failing batch rolls back alone; the batches before it stay.
 */
export async function importInventory(
  dataSource: DataSource,
  inventory: InventoryFile,
  options: ImportOptions,
): Promise<ImportSummary> {
  const known = await loadKnownNames(dataSource.manager, inventory);
  checkReferences(inventory, known);
  const passwordHashes = await hashPasswords(inventory.accounts, options.hashPassword);
  const created = new Date();

  const setup = await runInTransaction(dataSource, async (manager) => {
    const zones = await importZones(manager, inventory, known, created);
    const domains = await importDomains(manager, inventory.domains, known, created);
    const accounts = await importAccounts(manager, inventory.accounts, known, created, (user) =>
      newUser(user, passwordHashes, options.cipher),
    );
    return { zones, domains, accounts };
  });

  const owners = await resolveVmOwners(dataSource.manager, inventory, known);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let vms = 0;
  let volumes = 0;
  for (let start = 0; start < inventory.vms.length; start += batchSize) {
    const batch = inventory.vms.slice(start, start + batchSize).map((vm): NewVm => {
      const owner = owners.get(accountKey(vm.domain, vm.account));
      const zoneId = known.zones.get(vm.zone);
      if (owner === undefined || zoneId === undefined) throw new Error(`VM ${vm.name ?? ''} lost its zone or account`);
      return {
        name: vm.name,
        zoneId,
        accountId: owner.accountId,
        domainId: owner.domainId,
        userId: owner.userId,
        state: vm.state,
        rootDiskBytes: gibToBytes(vm.rootDiskSize),
        dataDiskBytes: vm.dataDisks.map(gibToBytes),
        created,
      };
    });
    await runInTransaction(dataSource, (manager) => insertVms(manager, batch));
    vms += batch.length;
    volumes += batch.reduce((sum, vm) => sum + 1 + vm.dataDiskBytes.length, 0);
    options.onProgress?.(vms, inventory.vms.length);
  }
  return { ...setup, users: setup.accounts.users, accounts: setup.accounts.counts, vms, volumes };
}

/** What the database already holds that the file may name. */
interface KnownNames {
  /** Zone name → id (file zones are added as they are created). */
  readonly zones: Map<string, string>;
  /** Domain path → domain. */
  readonly domains: Map<string, DomainEntity>;
  /** `<domain path>|<account name>` → account id. */
  readonly accounts: Map<string, string>;
}

function accountKey(domainPath: string, accountName: string): string {
  return `${domainPath}|${accountName}`;
}

async function loadKnownNames(manager: EntityManager, inventory: InventoryFile): Promise<KnownNames> {
  const zones = new Map<string, string>();
  for (const zone of await manager.find(DataCenterEntity, { select: { id: true, name: true }, where: { removed: IsNull() }, order: { id: 'ASC' } })) {
    if (zone.name !== null && !zones.has(zone.name)) zones.set(zone.name, zone.id);
  }
  const domains = new Map<string, DomainEntity>();
  for (const domain of await manager.find(DomainEntity, { where: { removed: IsNull() }, order: { id: 'ASC' } })) {
    if (!domains.has(domain.path)) domains.set(domain.path, domain);
  }
  const pathById = new Map([...domains.values()].map((domain) => [domain.id, domain.path]));
  const names = [...new Set([...inventory.accounts.map((account) => account.name), ...inventory.vms.map((vm) => vm.account)])];
  const accounts = new Map<string, string>();
  for (let start = 0; start < names.length; start += DEFAULT_BATCH_SIZE) {
    const rows = await manager.find(AccountEntity, {
      select: { id: true, accountName: true, domainId: true },
      where: { accountName: In(names.slice(start, start + DEFAULT_BATCH_SIZE)), removed: IsNull() },
    });
    for (const row of rows) {
      const path = pathById.get(row.domainId);
      if (path !== undefined && row.accountName !== null) accounts.set(accountKey(path, row.accountName), row.id);
    }
  }
  return { zones, domains, accounts };
}

function checkReferences(inventory: InventoryFile, known: KnownNames): void {
  const problems: string[] = [];
  const zones = new Set([...known.zones.keys(), ...inventory.zones.map((zone) => zone.name)]);
  const domains = new Set(known.domains.keys());
  for (const domain of sortedByDepth(inventory.domains)) {
    if (!domains.has(domain.parent)) problems.push(`domains: the parent ${domain.parent} of ${domain.name} does not exist`);
    domains.add(`${domain.parent}${domain.name}/`);
  }
  const accounts = new Set(known.accounts.keys());
  inventory.accounts.forEach((account, index) => {
    if (!domains.has(account.domain)) problems.push(`accounts[${index}].domain: no domain ${account.domain}`);
    accounts.add(accountKey(account.domain, account.name));
  });
  inventory.vms.forEach((vm, index) => {
    if (!zones.has(vm.zone)) problems.push(`vms[${index}].zone: no zone named ${vm.zone}`);
    if (!accounts.has(accountKey(vm.domain, vm.account))) {
      problems.push(`vms[${index}].account: no account ${vm.account} in domain ${vm.domain}`);
    }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
    throw new UnresolvedReferencesError(shown);
  }
}

/** Parents before children, whatever order the file lists them in. */
function sortedByDepth(domains: readonly DomainItem[]): DomainItem[] {
  const depth = (path: string): number => path.split('/').length;
  return [...domains].sort((left, right) => depth(left.parent) - depth(right.parent));
}

async function hashPasswords(
  accounts: readonly AccountItem[],
  hash: (password: string) => Promise<string>,
): Promise<Map<string, string>> {
  const passwords = [...new Set(accounts.flatMap((account) => account.users.flatMap((user) => (user.password === undefined ? [] : [user.password]))))];
  const hashes = new Map<string, string>();
  for (let start = 0; start < passwords.length; start += HASH_CONCURRENCY) {
    const chunk = passwords.slice(start, start + HASH_CONCURRENCY);
    const results = await Promise.all(chunk.map((password) => hash(password)));
    chunk.forEach((password, index) => hashes.set(password, results[index] ?? NO_LOGIN_PASSWORD));
  }
  return hashes;
}

function newUser(user: UserItem, hashes: ReadonlyMap<string, string>, cipher: SecretCipher): NewUser {
  return {
    username: user.username,
    passwordHash: user.password === undefined ? NO_LOGIN_PASSWORD : (hashes.get(user.password) ?? NO_LOGIN_PASSWORD),
    firstName: user.firstname,
    lastName: user.lastname,
    email: user.email,
    timezone: user.timezone,
    apiKey: user.apikey,
    encryptedSecretKey: user.secretkey === undefined ? undefined : cipher.encrypt(user.secretkey),
  };
}

async function importZones(
  manager: EntityManager,
  inventory: InventoryFile,
  known: KnownNames,
  created: Date,
): Promise<ImportSummary['zones']> {
  let createdCount = 0;
  let existing = 0;
  for (const zone of inventory.zones) {
    if (known.zones.has(zone.name)) {
      existing += 1;
      continue;
    }
    const id = await insertRow(
      manager,
      DataCenterEntity,
      zoneRow(
        {
          name: zone.name,
          description: zone.description,
          dns1: zone.dns1,
          internalDns1: zone.internaldns1,
          networkType: zone.networktype,
          allocationState: zone.allocationstate,
        },
        created,
      ),
    );
    known.zones.set(zone.name, id);
    createdCount += 1;
  }
  return { created: createdCount, existing };
}

async function importDomains(
  manager: EntityManager,
  items: readonly DomainItem[],
  known: KnownNames,
  created: Date,
): Promise<ImportSummary['domains']> {
  let createdCount = 0;
  let existing = 0;
  for (const item of sortedByDepth(items)) {
    const path = `${item.parent}${item.name}/`;
    if (known.domains.has(path)) {
      existing += 1;
      continue;
    }
    const parent = known.domains.get(item.parent);
    if (parent === undefined) throw new UnresolvedReferencesError([`domains: the parent ${item.parent} of ${item.name} does not exist`]);
    const id = await createDomain(manager, parent, item.name, created);
    known.domains.set(path, await manager.findOneByOrFail(DomainEntity, { id }));
    createdCount += 1;
  }
  return { created: createdCount, existing };
}

async function importAccounts(
  manager: EntityManager,
  items: readonly AccountItem[],
  known: KnownNames,
  created: Date,
  toUser: (user: UserItem) => NewUser,
): Promise<{ readonly counts: ImportSummary['accounts']; readonly users: number }> {
  let createdCount = 0;
  let existing = 0;
  let users = 0;
  for (const item of items) {
    const key = accountKey(item.domain, item.name);
    if (known.accounts.has(key)) {
      existing += 1;
      continue;
    }
    const domain = known.domains.get(item.domain);
    if (domain === undefined) throw new UnresolvedReferencesError([`accounts: no domain ${item.domain}`]);
    const id = await insertAccount(manager, { name: item.name, type: item.type, domain, users: item.users.map(toUser) }, created);
    known.accounts.set(key, id);
    createdCount += 1;
    users += item.users.length;
  }
  return { counts: { created: createdCount, existing }, users };
}

/** Each VM owner's account, domain and the user VMs are recorded as deployed by (its first user). */
async function resolveVmOwners(
  manager: EntityManager,
  inventory: InventoryFile,
  known: KnownNames,
): Promise<Map<string, { readonly accountId: string; readonly domainId: string; readonly userId: string }>> {
  const keys = [...new Set(inventory.vms.map((vm) => accountKey(vm.domain, vm.account)))];
  const accountIds = keys.flatMap((key) => {
    const id = known.accounts.get(key);
    return id === undefined ? [] : [id];
  });
  const firstUsers = new Map<string, string>();
  const domainOf = new Map<string, string>();
  for (let start = 0; start < accountIds.length; start += DEFAULT_BATCH_SIZE) {
    const chunk = accountIds.slice(start, start + DEFAULT_BATCH_SIZE);
    const users = await manager
      .createQueryBuilder(UserEntity, 'user')
      .select('user.accountId', 'accountId')
      .addSelect('MIN(user.id)', 'userId')
      .where('user.accountId IN (:...chunk)', { chunk })
      .andWhere('user.removed IS NULL')
      .groupBy('user.accountId')
      .getRawMany<{ accountId: unknown; userId: unknown }>();
    for (const row of users) {
      const accountId = idText(row.accountId);
      const userId = idText(row.userId);
      if (accountId !== undefined && userId !== undefined) firstUsers.set(accountId, userId);
    }
    for (const account of await manager.find(AccountEntity, { select: { id: true, domainId: true }, where: { id: In(chunk) } })) {
      domainOf.set(account.id, account.domainId);
    }
  }
  const owners = new Map<string, { accountId: string; domainId: string; userId: string }>();
  for (const key of keys) {
    const accountId = known.accounts.get(key);
    const domainId = accountId === undefined ? undefined : domainOf.get(accountId);
    if (accountId === undefined || domainId === undefined) continue;
    // An account without users: CloudStack records the system user (1) as the deployer then.
    owners.set(key, { accountId, domainId, userId: firstUsers.get(accountId) ?? '1' });
  }
  return owners;
}
