import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { type UuidResolver } from '../api/ports/uuid-resolver';
import { UUID_ENTITY_TABLES } from './uuid-entity-tables';

/**
 * Resolves the uuids clients send to internal ids, table by entity type (`Zone` → `data_center`,
 * `VirtualMachine` → `vm_instance`, …). Removed rows are not found.
 */
@Injectable()
export class DbUuidResolver implements UuidResolver {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether {@link resolve} knows the entity type. */
  supports(entityType: string): boolean {
    return Object.hasOwn(UUID_ENTITY_TABLES, entityType);
  }

  /**
   * @throws Error when the entity type has no table: a command declared a parameter entity this
   *   server does not know, which is a programming error rather than a client's.
   */
  async resolve(entityType: string, uuid: string): Promise<string | undefined> {
    const table = this.supports(entityType) ? UUID_ENTITY_TABLES[entityType] : undefined;
    if (table === undefined) {
      throw new Error(`No table is known for uuid parameters of entity type '${entityType}'`);
    }
    const row = await this.dataSource.manager
      .createQueryBuilder()
      .select('entity.id', 'id')
      .from(table, 'entity')
      .where('entity.uuid = :uuid', { uuid })
      .andWhere('entity.removed IS NULL')
      .orderBy('entity.id', 'ASC')
      .limit(1)
      .getRawOne<{ id: unknown }>();
    return idText(row?.id);
  }
}

/** MySQL hands bigint ids back as strings, sql.js as numbers. */
function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}
