import { randomUUID } from 'node:crypto';

import { type EntityManager } from 'typeorm';

import { hashPassword } from '../../../src/bootstrap/password-hasher';
import { SecretCipher } from '../../../src/configuration/secret-cipher';
import { AccountEntity, AccountType, DomainEntity, UserEntity } from '../../../src/database/entities';

const CREATED = new Date('2024-01-01T00:00:00Z');

/** The key the fixtures encrypt secret keys with. */
export const FIXTURE_CIPHER = new SecretCipher(Buffer.alloc(32, 7));

export interface FixtureDomain {
  readonly id: string;
  readonly uuid: string;
  readonly path: string;
}

export interface FixtureAccount {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly domain: FixtureDomain;
}

export interface FixtureUser {
  readonly id: string;
  readonly uuid: string;
  readonly username: string;
  readonly account: FixtureAccount;
}

export interface UserOptions {
  readonly password?: string;
  readonly state?: string;
  readonly apiKey?: string;
  /** Stored encrypted with {@link FIXTURE_CIPHER}, unless `storedSecretKey` is given. */
  readonly secretKey?: string;
  /** Stored as is. */
  readonly storedSecretKey?: string;
  readonly firstname?: string | null;
  readonly lastname?: string | null;
  readonly timezone?: string | null;
  readonly removed?: Date;
}

/** Writes the CloudStack domain, account and user rows the tests need. */
export class AccountFixtures {
  constructor(private readonly manager: EntityManager) {}

  async domain(
    name: string,
    path: string,
    options: { parent?: FixtureDomain; removed?: Date } = {},
  ): Promise<FixtureDomain> {
    const saved = await this.manager.save(DomainEntity, {
      uuid: randomUUID(),
      name,
      path,
      parent: options.parent?.id ?? null,
      owner: '0',
      level: path === '/' ? 0 : path.split('/').length - 2,
      created: CREATED,
      removed: options.removed ?? null,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', path };
  }

  async account(
    name: string,
    domain: FixtureDomain,
    options: { type?: number; state?: string; removed?: Date } = {},
  ): Promise<FixtureAccount> {
    const saved = await this.manager.save(AccountEntity, {
      uuid: randomUUID(),
      accountName: name,
      type: options.type ?? AccountType.User,
      domainId: domain.id,
      state: options.state ?? 'enabled',
      created: CREATED,
      removed: options.removed ?? null,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', name, domain };
  }

  async user(username: string, account: FixtureAccount, options: UserOptions = {}): Promise<FixtureUser> {
    const secretKey =
      options.storedSecretKey ??
      (options.secretKey === undefined ? null : FIXTURE_CIPHER.encrypt(options.secretKey));
    const saved = await this.manager.save(UserEntity, {
      uuid: randomUUID(),
      username,
      password: await hashPassword(options.password ?? 'password'),
      accountId: account.id,
      firstname: options.firstname === undefined ? username : options.firstname,
      lastname: options.lastname === undefined ? 'cloud' : options.lastname,
      email: null,
      state: options.state ?? 'enabled',
      apiKey: options.apiKey ?? null,
      secretKey,
      timezone: options.timezone ?? null,
      created: CREATED,
      removed: options.removed ?? null,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', username, account };
  }
}
