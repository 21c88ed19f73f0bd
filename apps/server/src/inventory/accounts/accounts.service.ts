import { Inject, Injectable } from '@nestjs/common';
import { type AccessChecker, type Caller, type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, IsNull, type SelectQueryBuilder } from 'typeorm';

import { hashPassword } from '../../bootstrap/password-hasher';
import { AccountEntity, AccountType, DomainEntity, UserEntity, VmInstanceEntity, VolumeEntity } from '../../database/entities';
import { containsPattern, LIKE_ESCAPE, startsWithPattern } from '../../persistence/like-pattern';
import { type EntityRow, entityRows, fetchPage, rawText } from '../../persistence/query-rows';
import { invalidParameter, permissionDenied } from '../../api/errors/cloudstack-exceptions';
import { assertDomainAccess } from '../support/domain-access';
import { INVENTORY_ACCESS_CHECKER } from '../support/inventory-tokens';
import { runInTransaction } from '../../persistence/run-in-transaction';
import { selectUserViews, toUserView } from '../users/users.service';
import { DEFAULT_ACCOUNT_IDS, type UserView } from '../users/user-view';
import { insertAccount } from './account-records';
import { type AccountView } from './account-view';

const ACCOUNT_TYPES: readonly number[] = [AccountType.User, AccountType.Admin, AccountType.DomainAdmin];

/** `createAccount`'s input, with the password in clear (hashed here, never stored or logged). */
export interface CreateAccountInput {
  readonly accountType: number | undefined;
  readonly username: string;
  readonly password: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Defaults to the username. */
  readonly accountName?: string;
  /** Defaults to the caller's domain. */
  readonly domainId?: string;
  readonly timezone?: string;
}

/** Filters of `listAccounts`. */
export interface AccountQuery {
  readonly id?: string;
  readonly name?: string;
  readonly accountType?: number;
  readonly state?: string;
  readonly keyword?: string;
  readonly domainId?: string;
  readonly isRecursive: boolean;
  readonly listAll: boolean;
}

/** Accounts (`account`) and their first user. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INVENTORY_ACCESS_CHECKER) private readonly access: AccessChecker,
  ) {}

  async create(caller: Caller, input: CreateAccountInput): Promise<AccountView> {
    const type = input.accountType;
    if (type === undefined) throw invalidParameter('Neither account type nor role ID is not specified');
    if (!ACCOUNT_TYPES.includes(type)) throw invalidParameter(`Invalid account type ${type} given; unable to create user`);
    if (type === AccountType.Admin && caller.roleType !== 'Admin') {
      throw permissionDenied(`Account ${caller.accountName} is not allowed to create root admin accounts`);
    }
    const passwordHash = await hashPassword(input.password);
    const accountId = await runInTransaction(this.dataSource, async (manager) => {
      const domain = await manager.findOneBy(DomainEntity, { id: input.domainId ?? caller.domainId, removed: IsNull() });
      if (domain === null) throw invalidParameter('Unable to find domain');
      assertDomainAccess(caller, { id: domain.id, uuid: domain.uuid ?? '', path: domain.path });
      if (type === AccountType.Admin && domain.path !== '/') {
        throw invalidParameter('Admin accounts can only be created in the ROOT domain');
      }
      return insertAccount(
        manager,
        {
          name: input.accountName ?? input.username,
          type,
          domain,
          users: [
            {
              username: input.username,
              passwordHash,
              firstName: input.firstName,
              lastName: input.lastName,
              email: input.email,
              timezone: input.timezone,
            },
          ],
        },
        new Date(),
      );
    });
    const view = await this.findView(accountId);
    if (view === undefined) throw new Error(`Account ${accountId} disappeared after it was created`);
    return view;
  }

  async findView(id: string): Promise<AccountView | undefined> {
    const [view] = (await this.fetch(this.views().andWhere('account.id = :id', { id }), { offset: 0, limit: 1 })).items;
    return view;
  }

  /**
   * CloudStack's `searchForAccounts`: a user sees its own account; an admin the accounts of its
   * domain (or `domainid`), and with `listall=true` or `isrecursive=true` those of the whole tree
   * below it. Asked for one `id`, an admin gets it wherever it may act.
   */
  async list(caller: Caller, query: AccountQuery, page: PageRequest): Promise<Page<AccountView>> {
    const builder = this.views();
    if (caller.roleType === 'User') {
      builder.andWhere('account.id = :callerAccountId', { callerAccountId: caller.accountId });
    } else if (query.id !== undefined && query.domainId === undefined) {
      builder.andWhere(`domain.path LIKE :callerPath ${LIKE_ESCAPE}`, { callerPath: startsWithPattern(caller.domainPath) });
    } else {
      let domain = { id: caller.domainId, path: caller.domainPath };
      if (query.domainId !== undefined) {
        const found = await this.dataSource.manager.findOneBy(DomainEntity, { id: query.domainId, removed: IsNull() });
        if (found === null) return { items: [], total: 0 };
        assertDomainAccess(caller, { id: found.id, uuid: found.uuid ?? '', path: found.path });
        domain = { id: found.id, path: found.path };
      }
      if (query.listAll || query.isRecursive) {
        builder.andWhere(`domain.path LIKE :scopePath ${LIKE_ESCAPE}`, { scopePath: startsWithPattern(domain.path) });
      } else {
        builder.andWhere('account.domainId = :scopeDomainId', { scopeDomainId: domain.id });
      }
    }
    if (query.id !== undefined) builder.andWhere('account.id = :id', { id: query.id });
    if (query.name !== undefined) builder.andWhere('account.accountName = :name', { name: query.name });
    if (query.accountType !== undefined) builder.andWhere('account.type = :accountType', { accountType: query.accountType });
    if (query.state !== undefined) builder.andWhere('account.state = :state', { state: query.state });
    if (query.keyword !== undefined) {
      builder.andWhere(`account.accountName LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(query.keyword) });
    }
    return this.fetch(builder, page);
  }

  /**
   * Removes the account with its users, and expunges its VMs and volumes (CloudStack's account
   * cleanup, done at once since there is no hypervisor to wait for). Backup policy mappings and
   * backup records stay for the sync task and the operator.
   */
  async delete(caller: Caller, id: string): Promise<void> {
    const account = await this.dataSource.manager.findOneBy(AccountEntity, { id, removed: IsNull() });
    if (account === null) throw invalidParameter('The specified account does not exist in the system');
    await this.access.checkAccess(caller, { accountId: account.id, domainId: account.domainId });
    if (DEFAULT_ACCOUNT_IDS.includes(account.id)) throw invalidParameter("The account is default and can't be removed");
    const now = new Date();
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.update(UserEntity, { accountId: id, removed: IsNull() }, { removed: now });
      await manager.update(VolumeEntity, { accountId: id, removed: IsNull() }, { removed: now, state: 'Expunged' });
      await manager.update(VmInstanceEntity, { accountId: id, removed: IsNull() }, { removed: now, state: 'Expunging' });
      await manager.update(AccountEntity, { id }, { removed: now });
    });
  }

  private views(): SelectQueryBuilder<AccountEntity> {
    return this.dataSource.manager
      .createQueryBuilder(AccountEntity, 'account')
      .innerJoin(DomainEntity, 'domain', 'domain.id = account.domainId')
      .addSelect('domain.uuid', 'domainUuid')
      .addSelect('domain.name', 'domainName')
      .addSelect('domain.path', 'domainPath')
      .where('account.removed IS NULL');
  }

  /** A page of accounts, then the users of all of them in one more statement. */
  private async fetch(builder: SelectQueryBuilder<AccountEntity>, page: PageRequest): Promise<Page<AccountView>> {
    const accounts = await fetchPage(builder, page, (row: EntityRow<AccountEntity>) => row);
    if (accounts.items.length === 0) return { items: [], total: accounts.total };
    const users = await entityRows(
      selectUserViews(this.dataSource.manager)
        .andWhere('user.accountId IN (:...accountIds)', { accountIds: accounts.items.map((row) => row.entity.id) })
        .orderBy('user.id', 'ASC'),
    );
    const usersByAccount = new Map<string, UserView[]>();
    for (const row of users) {
      const accountUsers = usersByAccount.get(row.entity.accountId) ?? [];
      accountUsers.push(toUserView(row));
      usersByAccount.set(row.entity.accountId, accountUsers);
    }
    return {
      total: accounts.total,
      items: accounts.items.map((row) => ({
        account: row.entity,
        domainUuid: rawText(row.raw, 'domainUuid'),
        domainName: rawText(row.raw, 'domainName'),
        domainPath: rawText(row.raw, 'domainPath'),
        users: usersByAccount.get(row.entity.id) ?? [],
      })),
    };
  }
}
