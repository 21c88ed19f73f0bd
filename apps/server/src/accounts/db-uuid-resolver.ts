import { Injectable } from '@nestjs/common';
import { type Caller } from '@csbr/framework/host';
import { DataSource, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';

import { type UuidResolver } from '../api/ports/uuid-resolver';
import { AccountEntity, DomainEntity } from '../database/entities';
import { callerMayAccess } from './owner-access';
import {
  ACCOUNT_OWNED_ENTITY_TYPES,
  ENTITY_TYPES_WITHOUT_REMOVED,
  RESOLVED_INCLUDING_REMOVED,
  UUID_ENTITY_TABLES,
} from './uuid-entity-tables';

/**
 * Resolves the uuids clients send to internal ids, table by entity type (`Zone` → `data_center`,
 * `VirtualMachine` → `vm_instance`, …). Removed rows are not found (except for the types of
 * {@link RESOLVED_INCLUDING_REMOVED}), and neither, for a caller, are rows of an account it may not
 * act on ({@link callerMayAccess}): the same query reads the owner.
 */
@Injectable()
export class DbUuidResolver implements UuidResolver {
  /** The resolving statement of each entity type and owner reading, by `sqlOf`'s key. */
  private readonly statements = new Map<string, string>();

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
    const sql = this.sqlOf(entityType, table, owned ? 'owned' : isAccount ? 'account' : 'plain');
    const rows: { id: unknown; accountId?: unknown; domainPath?: unknown }[] = await this.dataSource.query(sql, [uuid]);
    const row = rows[0];
    if (row === undefined || !(owned || isAccount)) return idText(row?.id);
    const owner = {
      accountId: idText(row.accountId) ?? '',
      domainPath: typeof row.domainPath === 'string' ? row.domainPath : undefined,
    };
    return callerMayAccess(visibleTo, owner) ? idText(row.id) : undefined;
  }

  /**
   * The statement resolving a uuid of `entityType`, written once: every request and job binds its
   * uuid parameters through it, so TypeORM's query building is not repeated each time. `owned`
   * reads the owning account and its domain's path with the row, `account` the account's own.
   */
  private sqlOf(entityType: string, table: EntityTarget<ObjectLiteral>, owner: 'plain' | 'owned' | 'account'): string {
    const key = `${entityType}\u0000${owner}`;
    let sql = this.statements.get(key);
    if (sql !== undefined) return sql;
    const metadata = this.dataSource.getMetadata(table);
    const column = (property: string, of: EntityMetadata = metadata): string => {
      const found = of.findColumnWithPropertyName(property);
      if (found === undefined) throw new Error(`${of.tableName} has no column for ${property}`);
      return `\`${found.databaseName}\``;
    };
    const accounts = this.dataSource.getMetadata(AccountEntity);
    const domains = this.dataSource.getMetadata(DomainEntity);
    const id = column('id');
    let select = `SELECT entity.${id} AS id`;
    let joins = '';
    if (owner === 'owned') {
      select += `, entity.${column('accountId')} AS accountId, ownerDomain.${column('path', domains)} AS domainPath`;
      joins =
        ` LEFT JOIN \`${accounts.tableName}\` ownerAccount ON ownerAccount.${column('id', accounts)} = entity.${column('accountId')}` +
        ` LEFT JOIN \`${domains.tableName}\` ownerDomain ON ownerDomain.${column('id', domains)} = ownerAccount.${column('domainId', accounts)}`;
    } else if (owner === 'account') {
      select += `, entity.${id} AS accountId, ownerDomain.${column('path', domains)} AS domainPath`;
      joins = ` LEFT JOIN \`${domains.tableName}\` ownerDomain ON ownerDomain.${column('id', domains)} = entity.${column('domainId')}`;
    }
    const removed =
      RESOLVED_INCLUDING_REMOVED.has(entityType) || ENTITY_TYPES_WITHOUT_REMOVED.has(entityType)
        ? ''
        : ` AND entity.${column('removed')} IS NULL`;
    sql = `${select} FROM \`${metadata.tableName}\` entity${joins} WHERE entity.${column('uuid')} = ?${removed} ORDER BY entity.${id} ASC LIMIT 1`;
    this.statements.set(key, sql);
    return sql;
  }
}

/** MySQL hands bigint ids back as strings, sql.js as numbers. */
function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}
