import { randomUUID } from 'node:crypto';

import { type EntityManager, IsNull } from 'typeorm';

import { AccountEntity, type DomainEntity, UserEntity } from '../../database/entities';
import { insertRow } from '../../persistence/insert-row';
import { invalidParameter } from '../../api/errors/cloudstack-exceptions';

/** A new account's first user, its password already hashed. */
export interface NewUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly timezone?: string;
  /** An API key pair, the secret already encrypted (bulk import). */
  readonly apiKey?: string;
  readonly encryptedSecretKey?: string;
}

/** What `createAccount` (and the bulk import) records. */
export interface NewAccount {
  readonly name: string;
  /** 0 user, 1 admin, 2 domain admin. */
  readonly type: number;
  readonly domain: DomainEntity;
  readonly users: readonly NewUser[];
}

/**
 * Inserts an account and its users in the caller's transaction, with CloudStack's uniqueness
 * rules: one active account of a name per domain, one active username per domain.
 *
 * @returns the new account's internal id.
 */
export async function insertAccount(manager: EntityManager, account: NewAccount, created: Date): Promise<string> {
  const { domain } = account;
  if (await manager.existsBy(AccountEntity, { accountName: account.name, domainId: domain.id, removed: IsNull() })) {
    throw invalidParameter(`The specified account: ${account.name} already exists`);
  }
  for (const user of account.users) {
    const taken = await manager
      .createQueryBuilder(UserEntity, 'user')
      .innerJoin(AccountEntity, 'account', 'account.id = user.accountId')
      .where('user.username = :username', { username: user.username })
      .andWhere('account.domainId = :domainId', { domainId: domain.id })
      .andWhere('user.removed IS NULL')
      .andWhere('account.removed IS NULL')
      .getExists();
    if (taken) throw invalidParameter(`The user ${user.username} already exists in domain ${domain.uuid ?? ''}`);
  }
  const accountId = await insertRow(manager, AccountEntity, {
    accountName: account.name,
    uuid: randomUUID(),
    type: account.type,
    roleId: null,
    domainId: domain.id,
    state: 'enabled',
    created,
    removed: null,
  });
  for (const user of account.users) {
    await insertRow(manager, UserEntity, {
      uuid: randomUUID(),
      username: user.username,
      password: user.passwordHash,
      accountId,
      firstname: user.firstName ?? null,
      lastname: user.lastName ?? null,
      email: user.email ?? null,
      state: 'enabled',
      apiKey: user.apiKey ?? null,
      secretKey: user.encryptedSecretKey ?? null,
      timezone: user.timezone ?? null,
      created,
      removed: null,
    });
  }
  return accountId;
}
