import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, varcharColumn } from './column-options';

/** `backup_provider_state`: one provider's key/value state (contract 1.1's `ProviderStateStore`). */
@Entity({ name: 'backup_provider_state' })
export class BackupProviderStateEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(varcharColumn('provider', 255))
  provider: string;

  /** 0 for values that belong to no zone. */
  @Column(bigintColumn('zone_id'))
  zoneId: string;

  @Column(varcharColumn('name', 255))
  name: string;

  /** Encrypted (`enc:v1:…`). */
  @Column({ name: 'value', type: 'text' })
  value: string;

  @Column(datetimeColumn('updated', { nullable: false }))
  updated: Date;
}
