import { Column, Entity, PrimaryColumn } from 'typeorm';

import { datetimeColumn, varcharColumn } from './column-options';
import { configScopeAsName, tinyintAsBoolean } from './column-transformers';

/**
 * CloudStack `configuration`: one row per key with its global value. `scope` is stored as
 * CloudStack 4.22's `ConfigKey.Scope` bitmask and read as the scope's name (`Global`, `Zone`);
 * `category` is `Advanced` or `Secure`.
 */
@Entity({ name: 'configuration' })
export class ConfigurationEntity {
  @Column(varcharColumn('category', 255, { default: 'Advanced' }))
  category: string;

  @Column(varcharColumn('instance', 255))
  instance: string;

  @Column(varcharColumn('component', 255, { default: 'management-server' }))
  component: string;

  @PrimaryColumn({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  /** The operator's global value; for secure keys encrypted (`enc:v1:`). */
  @Column(varcharColumn('value', 8191, { nullable: true }))
  value: string | null;

  @Column(varcharColumn('description', 1024, { nullable: true }))
  description: string | null;

  @Column(varcharColumn('default_value', 8191, { nullable: true }))
  defaultValue: string | null;

  @Column(datetimeColumn('updated'))
  updated: Date | null;

  @Column({ name: 'scope', type: 'bigint', default: 0, transformer: configScopeAsName })
  scope: string | null;

  @Column({
    name: 'is_dynamic',
    type: 'tinyint',
    width: 1,
    default: 0,
    transformer: tinyintAsBoolean,
  })
  isDynamic: boolean;
}
