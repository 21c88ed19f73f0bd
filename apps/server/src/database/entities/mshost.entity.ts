import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, varcharColumn } from './column-options';
import { bigintAsString } from './column-transformers';

/** CloudStack `mshost`: one server instance of the cluster. */
@Entity({ name: 'mshost' })
export class MshostEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('msid'))
  msid: string;

  /** Changes at every start of the instance. */
  @Column({ name: 'runid', type: 'bigint', transformer: bigintAsString })
  runid: string;

  @Column(varcharColumn('name', 255, { nullable: true }))
  name: string | null;

  @Column(varcharColumn('uuid', 40, { nullable: true }))
  uuid: string | null;

  /** `Up`, `ReadyToShutdown` (stopped cleanly), or `Down` (dead, its work recovered). */
  @Column(varcharColumn('state', 25, { nullable: true }))
  state: string | null;

  @Column(varcharColumn('version', 255, { nullable: true }))
  version: string | null;

  // char(40) in the table (CloudStack's type); the embedded database's driver only knows varchar.
  @Column({ name: 'service_ip', type: 'varchar', length: 40 })
  serviceIp: string;

  @Column({ name: 'service_port', type: 'int' })
  servicePort: number;

  @Column(datetimeColumn('last_update'))
  lastUpdate: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;

  @Column({ name: 'alert_count', type: 'int', default: 0 })
  alertCount: number;
}
