import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';

import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { SecretCipher } from '../configuration/secret-cipher';
import { AccountEntity, AccountType } from '../database/entities/account.entity';
import { DomainEntity } from '../database/entities/domain.entity';
import { UserEntity } from '../database/entities/user.entity';
import { runInTransaction } from '../persistence/run-in-transaction';
import { hashPassword, verifyPassword } from './password-hasher';

/** CloudStack's Root Admin role id. */
const ROOT_ADMIN_ROLE_ID = '1';
/** Not a hash `verifyPassword` accepts: the system user cannot log in, as in CloudStack. */
const NO_LOGIN_PASSWORD = '!';

/**
 * What a fresh CloudStack has: the ROOT domain, the `system` account and user (id 1) and the
 * `admin` account and user (id 2). Created once, in one transaction; later starts apply the admin
 * password and API keys from the environment when they changed (the environment wins, so an operator
 * who sets `CSBR_ADMIN_PASSWORD` after the first start is never silently ignored).
 */
@Injectable()
export class InitialDataService {
  readonly #logger = new Logger(InitialDataService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async ensure(): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const root = await this.#ensureRootDomain(manager);
      const systemAccount = await this.#ensureAccount(manager, root, 'system');
      await this.#ensureUser(manager, systemAccount, 'system', () => Promise.resolve(NO_LOGIN_PASSWORD));
      const adminAccount = await this.#ensureAccount(manager, root, 'admin');
      if (root.owner !== adminAccount.id) await manager.update(DomainEntity, { id: root.id }, { owner: adminAccount.id });
      const admin = await this.#ensureUser(manager, adminAccount, 'admin', () => hashPassword(this.config.admin.password));
      if (this.config.admin.applyToExisting === false) return;
      await this.#applyAdminPassword(manager, admin);
      await this.#applyAdminKeys(manager, admin);
    });
  }

  async #ensureRootDomain(manager: EntityManager): Promise<DomainEntity> {
    const existing = await manager.findOneBy(DomainEntity, { parent: IsNull(), path: '/', removed: IsNull() });
    if (existing !== null) return existing;
    const root = manager.create(DomainEntity, {
      parent: null,
      name: 'ROOT',
      uuid: randomUUID(),
      // The admin account owns ROOT; set once it exists.
      owner: '0',
      path: '/',
      level: 0,
      childCount: 0,
      nextChildSeq: '1',
      state: 'Active',
      created: new Date(),
      removed: null,
    });
    await manager.insert(DomainEntity, root);
    this.#logger.log('Created the ROOT domain');
    return manager.findOneByOrFail(DomainEntity, { parent: IsNull(), path: '/', removed: IsNull() });
  }

  async #ensureAccount(manager: EntityManager, root: DomainEntity, name: string): Promise<AccountEntity> {
    const where = { accountName: name, domainId: root.id, removed: IsNull() };
    const existing = await manager.findOneBy(AccountEntity, where);
    if (existing !== null) return existing;
    await manager.insert(AccountEntity, {
      accountName: name,
      uuid: randomUUID(),
      type: AccountType.Admin,
      roleId: ROOT_ADMIN_ROLE_ID,
      domainId: root.id,
      state: 'enabled',
      created: new Date(),
      removed: null,
    });
    this.#logger.log(`Created the ${name} account`);
    return manager.findOneByOrFail(AccountEntity, where);
  }

  async #ensureUser(
    manager: EntityManager,
    account: AccountEntity,
    username: string,
    password: () => Promise<string>,
  ): Promise<UserEntity> {
    const where = { username, accountId: account.id, removed: IsNull() };
    const existing = await manager.findOneBy(UserEntity, where);
    if (existing !== null) return existing;
    await manager.insert(UserEntity, {
      uuid: randomUUID(),
      username,
      password: await password(),
      accountId: account.id,
      firstname: username,
      lastname: 'cloud',
      email: null,
      state: 'enabled',
      apiKey: null,
      secretKey: null,
      timezone: null,
      created: new Date(),
      removed: null,
    });
    this.#logger.log(`Created the ${username} user`);
    return manager.findOneByOrFail(UserEntity, where);
  }

  /**
   * `CSBR_ADMIN_PASSWORD` set: the admin's password becomes it. Unset: the stored password stays,
   * with a warning while it is still CloudStack's default.
   */
  async #applyAdminPassword(manager: EntityManager, admin: UserEntity): Promise<void> {
    const { password, passwordDefaulted } = this.config.admin;
    const matches = await verifyPassword(password, admin.password);
    if (passwordDefaulted) {
      if (matches) this.#logger.warn("The admin user has CloudStack's default password; set CSBR_ADMIN_PASSWORD");
      return;
    }
    if (matches) return;
    await manager.update(UserEntity, { id: admin.id }, { password: await hashPassword(password) });
    this.#logger.log("Set the admin user's password from CSBR_ADMIN_PASSWORD");
  }

  async #applyAdminKeys(manager: EntityManager, admin: UserEntity): Promise<void> {
    const { apiKey, secretKey } = this.config.admin;
    if (apiKey === undefined || secretKey === undefined) return;
    const currentSecret = admin.secretKey === null ? undefined : this.#decryptOrUndefined(admin.secretKey);
    if (admin.apiKey === apiKey && currentSecret === secretKey) return;
    await manager.update(UserEntity, { id: admin.id }, { apiKey, secretKey: this.cipher.encrypt(secretKey) });
    this.#logger.log('Set the admin user\'s API keys from CSBR_ADMIN_API_KEY / CSBR_ADMIN_SECRET_KEY');
  }

  /** A secret encrypted with an older key is simply replaced. */
  #decryptOrUndefined(stored: string): string | undefined {
    try {
      return this.cipher.decrypt(stored);
    } catch {
      return undefined;
    }
  }
}
