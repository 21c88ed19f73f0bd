import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN } from './column-options';

/** `api_session`: a login session shared by every server instance. */
@Entity({ name: 'api_session' })
export class ApiSessionEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** SHA-256 (hex) of the `JSESSIONID` value (a char(64) column); the value itself is never stored. */
  @Column({ name: 'session_hash', type: 'varchar', length: 64 })
  sessionHash: string;

  /** The anti-CSRF session key, encrypted. */
  @Column({ name: 'session_key', type: 'varchar', length: 255 })
  sessionKey: string;

  @Column(bigintColumn('user_id'))
  userId: string;

  /** What `loginresponse` showed (names, uuids, time zone), as JSON; no secrets. */
  @Column({ name: 'login_info', type: 'text', nullable: true })
  loginInfo: string | null;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  @Column(datetimeColumn('last_access', { nullable: false }))
  lastAccess: Date;
}
