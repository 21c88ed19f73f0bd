import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AccountEntity } from './account.entity';
import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/** CloudStack `user`. */
@Entity({ name: 'user' })
export class UserEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  @Column(varcharColumn('username', 255))
  username: string;

  /** A scrypt hash (see `PasswordHasher`), never the clear password. */
  @Column(varcharColumn('password', 255))
  password: string;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_user__account_id' })
  account?: AccountEntity;

  @Column(varcharColumn('firstname', 255, { nullable: true }))
  firstname: string | null;

  @Column(varcharColumn('lastname', 255, { nullable: true }))
  lastname: string | null;

  @Column(varcharColumn('email', 255, { nullable: true }))
  email: string | null;

  @Column(varcharColumn('state', 10, { default: 'enabled' }))
  state: string;

  /** Looked up on every signed request; unique. */
  @Column(varcharColumn('api_key', 255, { nullable: true }))
  apiKey: string | null;

  /**
   * Encrypted with `SecretCipher` (`enc:v1:` prefix). HMAC signing needs the clear secret, so it
   * cannot be hashed.
   */
  @Column(varcharColumn('secret_key', 255, { nullable: true }))
  secretKey: string | null;

  @Column(varcharColumn('timezone', 30, { nullable: true }))
  timezone: string | null;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  @Column(datetimeColumn('removed'))
  removed: Date | null;
}
