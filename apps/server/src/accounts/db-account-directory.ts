import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

import { type AccountDirectory, type DomainRecord } from '../api/ports/account-directory';
import { AccountEntity, DomainEntity } from '../database/entities';

/** Domains and accounts for list scoping, from CloudStack's `domain` and `account` tables. */
@Injectable()
export class DbAccountDirectory implements AccountDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async findDomain(id: string): Promise<DomainRecord | undefined> {
    const domain = await this.dataSource.manager.findOne(DomainEntity, {
      select: { id: true, uuid: true, path: true },
      where: { id, removed: IsNull() },
    });
    return domain === null ? undefined : { id: domain.id, uuid: domain.uuid ?? '', path: domain.path };
  }

  async findAccountId(accountName: string, domainId: string): Promise<string | undefined> {
    const account = await this.dataSource.manager.findOne(AccountEntity, {
      select: { id: true },
      where: { accountName, domainId, removed: IsNull() },
      order: { id: 'ASC' },
    });
    return account?.id;
  }
}
