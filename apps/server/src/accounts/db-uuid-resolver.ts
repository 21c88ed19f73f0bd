import { Injectable } from '@nestjs/common';
import { type Caller } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { type UuidResolver } from '../api/ports/uuid-resolver';
import { AccountEntity, DomainEntity } from '../database/entities';
import { callerMayAccess } from './owner-access';
import { ACCOUNT_OWNED_ENTITY_TYPES, RESOLVED_INCLUDING_REMOVED, UUID_ENTITY_TABLES } from './uuid-entity-tables';

/**
 * Resolves the uuids clients send to internal ids, table by entity type (`Zone` → `data_center`,
 * `VirtualMachine` → `vm_instance`, …). Removed rows are not found (except for the types of
 * {@link RESOLVED_INCLUDING_REMOVED}), and neither, for a caller, are rows of an account it may not
 * act on ({@link callerMayAccess}): the same query reads the owner.
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
  async resolve(entityType: string, uuid: string, visibleTo?: Caller): Promise<string | undefined> {
    const table = this.supports(entityType) ? UUID_ENTITY_TABLES[entityType] : undefined;
    if (table === undefined) {
      throw new Error(`No table is known for uuid parameters of entity type '${entityType}'`);
    }
    const owned = visibleTo !== undefined && ACCOUNT_OWNED_ENTITY_TYPES.has(entityType);
    // An account is its own owner: another tenant's account id is as unknown as its VMs' ids.
    const isAccount = visibleTo !== undefined && entityType === 'Account';
    const query = this.dataSource.manager
      .createQueryBuilder()
      .select('entity.id', 'id')
      .from(table, 'entity')
      .where('entity.uuid = :uuid', { uuid })
      .orderBy('entity.id', 'ASC')
      .limit(1);
    if (!RESOLVED_INCLUDING_REMOVED.has(entityType)) query.andWhere('entity.removed IS NULL');
    if (owned) {
      query
        .addSelect('entity.accountId', 'accountId')
        .addSelect('ownerDomain.path', 'domainPath')
        .leftJoin(AccountEntity, 'owner', 'owner.id = entity.accountId')
        .leftJoin(DomainEntity, 'ownerDomain', 'ownerDomain.id = owner.domainId');
    }
    if (isAccount) {
      query
        .addSelect('entity.id', 'accountId')
        .addSelect('ownerDomain.path', 'domainPath')
        .leftJoin(DomainEntity, 'ownerDomain', 'ownerDomain.id = entity.domainId');
    }
    const row = await query.getRawOne<{ id: unknown; accountId?: unknown; domainPath?: unknown }>();
    if (row === undefined || !(owned || isAccount)) return idText(row?.id);
    const owner = {
      accountId: idText(row.accountId) ?? '',
      domainPath: typeof row.domainPath === 'string' ? row.domainPath : undefined,
    };
    return callerMayAccess(visibleTo, owner) ? idText(row.id) : undefined;
  }
}

/** MySQL hands bigint ids back as strings, sql.js as numbers. */
function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}
