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
import { type SqlRow, sqlId, sqlOptionalText, sqlText } from '../persistence/raw-page';
import { callerOf, ENABLED_STATE, roleTypeOf } from './caller-of';
import { normalizeDomainPath } from './domain-path';
import { firstUserWithAccount, selectUsersWithAccount } from './users-with-account';

/** How many decrypted secret keys {@link DbApiUserStore} keeps. */
const MAX_REMEMBERED_SECRETS = 1000;

/**
 * The non-removed user of a non-removed account holding an API key, with its account and domain
 * (as `selectUsersWithAccount` joins them), lowest id first.
 */
const USER_WITH_ACCOUNT_SQL =
  'SELECT u.id AS user_id, u.uuid AS user_uuid, u.secret_key, u.state AS user_state, a.id AS account_id,' +
  ' a.account_name, a.type AS account_type, a.state AS account_state, d.id AS domain_id, d.path AS domain_path' +
  ' FROM user u JOIN account a ON a.id = u.account_id JOIN domain d ON d.id = a.domain_id' +
  ' WHERE u.removed IS NULL AND a.removed IS NULL';
const API_KEY_OWNER_SQL = `${USER_WITH_ACCOUNT_SQL} AND u.api_key = ? ORDER BY u.id LIMIT 1`;
/** The same for a user id: the caller of every async job, read when the job runs. */
const USER_BY_ID_SQL = `${USER_WITH_ACCOUNT_SQL} AND u.id = ? LIMIT 1`;

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
  /** Stored (encrypted) secret key → its clear value; bounded, emptied when full. */
  private readonly decryptedSecrets = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  /**
   * The owner of a signed request's key, read on every signed request: one hand-written statement
   * (the user, its account and domain) mapped straight to the caller, and the secret key decrypted
   * once per stored value.
   */
  async findByApiKey(apiKey: string): Promise<ApiKeyOwner | undefined> {
    if (apiKey === '') return undefined;
    const rows: SqlRow[] = await this.dataSource.query(API_KEY_OWNER_SQL, [apiKey]);
    const row = rows[0];
    if (row === undefined) return undefined;
    const storedSecret = sqlOptionalText(row.secret_key);
    if (storedSecret === undefined || storedSecret === '') return undefined;
    const secretKey = this.decryptSecret(storedSecret);
    if (secretKey === undefined) {
      // The message never holds the value; the key owner can register new keys.
      this.logger.warn(
        `The secret key of user ${sqlOptionalText(row.user_uuid) ?? sqlId(row.user_id)} cannot be decrypted with the current encryption key`,
      );
      return undefined;
    }
    return {
      caller: callerOfRow(row),
      secretKey,
      userEnabled: row.user_state === ENABLED_STATE,
      accountEnabled: row.account_state === ENABLED_STATE,
    };
  }

  /** AES-GCM per request adds up: a stored value always decrypts to the same key. */
  private decryptSecret(stored: string): string | undefined {
    const known = this.decryptedSecrets.get(stored);
    if (known !== undefined) return known;
    let secretKey: string;
    try {
      secretKey = this.cipher.decrypt(stored);
    } catch {
      return undefined;
    }
    if (this.decryptedSecrets.size >= MAX_REMEMBERED_SECRETS) this.decryptedSecrets.clear();
    this.decryptedSecrets.set(stored, secretKey);
    return secretKey;
  }

  /** The caller a job runs as: one hand-written statement, as for an API key. */
  async findCaller(userId: string): Promise<Caller | undefined> {
    const rows: SqlRow[] = await this.dataSource.query(USER_BY_ID_SQL, [userId]);
    return rows[0] === undefined ? undefined : callerOfRow(rows[0]);
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

/** The caller of a {@link USER_WITH_ACCOUNT_SQL} row, as `callerOf` makes it of the entities. */
function callerOfRow(row: SqlRow): Caller {
  return {
    userId: sqlId(row.user_id),
    accountId: sqlId(row.account_id),
    accountName: sqlText(row.account_name),
    domainId: sqlId(row.domain_id),
    domainPath: sqlText(row.domain_path),
    roleType: roleTypeOf(Number(row.account_type)),
  };
}
