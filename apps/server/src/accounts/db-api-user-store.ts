import { Injectable, Logger } from '@nestjs/common';
import { type Caller } from '@csbr/framework/host';
import { DataSource, IsNull } from 'typeorm';

import {
  type ApiKeyOwner,
  type ApiUserStore,
  type LoginCredentials,
  type LoginResult,
} from '../api/ports/api-user-store';
import { hashPassword, verifyPassword } from '../bootstrap/password-hasher';
import { SecretCipher } from '../configuration/secret-cipher';
import { DomainEntity } from '../database/entities';
import { callerOf, ENABLED_STATE } from './caller-of';
import { normalizeDomainPath } from './domain-path';
import { firstUserWithAccount, selectUsersWithAccount } from './users-with-account';

/** Internal ids are digits; CloudStack's login accepts one where a domain uuid is expected. */
const INTERNAL_ID = /^\d+$/;

/**
 * The API's users over CloudStack's `user`, `account` and `domain` tables: API key owners for signed
 * requests (the secret key is decrypted with {@link SecretCipher}) and password logins.
 */
@Injectable()
export class DbApiUserStore implements ApiUserStore {
  private readonly logger = new Logger(DbApiUserStore.name);
  /** Checked when no user matches, so an unknown username costs as much time as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  async findByApiKey(apiKey: string): Promise<ApiKeyOwner | undefined> {
    if (apiKey === '') return undefined;
    const found = await firstUserWithAccount(
      selectUsersWithAccount(this.dataSource.manager).andWhere('user.apiKey = :apiKey', { apiKey }),
    );
    if (found === undefined) return undefined;
    const { user, account, domain } = found;
    if (user.secretKey === null || user.secretKey === '') return undefined;
    let secretKey: string;
    try {
      secretKey = this.cipher.decrypt(user.secretKey);
    } catch {
      // The message never holds the value; the key owner can register new keys.
      this.logger.warn(
        `The secret key of user ${user.uuid ?? user.id} cannot be decrypted with the current encryption key`,
      );
      return undefined;
    }
    return {
      caller: callerOf(user, account, domain),
      secretKey,
      userEnabled: user.state === ENABLED_STATE,
      accountEnabled: account.state === ENABLED_STATE,
    };
  }

  async findCaller(userId: string): Promise<Caller | undefined> {
    const found = await firstUserWithAccount(
      selectUsersWithAccount(this.dataSource.manager).andWhere('user.id = :userId', { userId }),
    );
    return found === undefined ? undefined : callerOf(found.user, found.account, found.domain);
  }

  async authenticate(credentials: LoginCredentials): Promise<LoginResult | undefined> {
    const domainId = await this.findLoginDomainId(credentials);
    const found =
      domainId === undefined
        ? undefined
        : await firstUserWithAccount(
            selectUsersWithAccount(this.dataSource.manager)
              .andWhere('user.username = :username', { username: credentials.username })
              .andWhere('account.domainId = :domainId', { domainId }),
          );
    const passwordMatches = await verifyPassword(credentials.password, found?.user.password ?? (await this.decoy()));
    if (found === undefined || !passwordMatches) return undefined;
    const { user, account, domain } = found;
    if (user.state !== ENABLED_STATE || account.state !== ENABLED_STATE) return undefined;
    return {
      caller: callerOf(user, account, domain),
      username: user.username,
      userUuid: user.uuid ?? '',
      domainUuid: domain.uuid ?? '',
      accountName: account.accountName ?? '',
      ...(user.firstname === null ? {} : { firstName: user.firstname }),
      ...(user.lastname === null ? {} : { lastName: user.lastname }),
      ...(user.timezone === null || user.timezone === '' ? {} : { timezone: user.timezone }),
    };
  }

  /**
   * The domain of a login: `domainId` (a uuid, or an internal id as CloudStack also accepts),
   * else `domainPath`, else ROOT. Undefined when no such non-removed domain exists.
   */
  private async findLoginDomainId(credentials: LoginCredentials): Promise<string | undefined> {
    const domains = this.dataSource.manager;
    let domain: DomainEntity | null;
    if (credentials.domainId !== undefined && credentials.domainId !== '') {
      domain = await domains.findOneBy(DomainEntity, { uuid: credentials.domainId, removed: IsNull() });
      if (domain === null && INTERNAL_ID.test(credentials.domainId)) {
        domain = await domains.findOneBy(DomainEntity, { id: credentials.domainId, removed: IsNull() });
      }
    } else {
      const path = normalizeDomainPath(credentials.domainPath ?? '/');
      domain = await domains.findOne(DomainEntity, { where: { path, removed: IsNull() }, order: { id: 'ASC' } });
    }
    return domain?.id;
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword('csbr-decoy-password');
    return this.decoyHash;
  }
}
