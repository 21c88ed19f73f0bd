import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { DomainEntity } from './domain.entity';

/** CloudStack account types (`account.type`). */
export const AccountType = {
  User: 0,
  Admin: 1,
  DomainAdmin: 2,
} as const;

/** CloudStack `account`. */
@Entity({ name: 'account' })
export class AccountEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(varcharColumn('account_name', 100, { nullable: true }))
  accountName: string | null;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  /** 0 user, 1 admin, 2 domain admin (see {@link AccountType}). */
  @Column({ name: 'type', type: 'int', unsigned: true })
  type: number;

  @Column(bigintColumn('role_id', { nullable: true }))
  roleId: string | null;

  /** Nullable in CloudStack's table; csbr always sets it. */
  @Column(bigintColumn('domain_id', { nullable: true }))
  domainId: string;

  @ManyToOne(() => DomainEntity)
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_account__domain_id' })
  domain?: DomainEntity;

  /** `enabled`, `disabled` or `locked`; the scheduler skips `disabled` accounts. */
  @Column(varcharColumn('state', 10, { default: 'enabled' }))
  state: string;

  @Column(datetimeColumn('created'))
  created: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;
}
