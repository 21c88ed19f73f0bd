import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, IsNull } from 'typeorm';

import { DataCenterEntity, VmInstanceEntity, VolumeEntity } from '../../database/entities';
import { insertRow } from '../../persistence/insert-row';
import { containsPattern, LIKE_ESCAPE } from '../../persistence/like-pattern';
import { invalidParameter, operationFailed } from '../../api/errors/cloudstack-exceptions';

/** What `createZone` (and the bulk import) records. */
export interface NewZone {
  readonly name: string;
  readonly dns1: string;
  readonly internalDns1: string;
  readonly networkType: 'Basic' | 'Advanced';
  readonly allocationState: 'Enabled' | 'Disabled';
  readonly description?: string;
}

/** Filters of `listZones`. */
export interface ZoneQuery {
  readonly id?: string;
  readonly name?: string;
  readonly keyword?: string;
  /** Only zones users may deploy into (`allocation_state = Enabled`). */
  readonly enabledOnly: boolean;
}

/** Zones (`data_center`): csbr records them as CloudStack's Simulator does, with no pods or hosts. */
@Injectable()
export class ZonesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(zone: NewZone): Promise<DataCenterEntity> {
    const manager = this.dataSource.manager;
    if (await manager.existsBy(DataCenterEntity, { name: zone.name, removed: IsNull() })) {
      throw invalidParameter('A zone with that name already exists. Please specify a unique zone name.');
    }
    const id = await insertRow(manager, DataCenterEntity, zoneRow(zone, new Date()));
    return manager.findOneByOrFail(DataCenterEntity, { id });
  }

  async findActive(id: string): Promise<DataCenterEntity | undefined> {
    return (await this.dataSource.manager.findOneBy(DataCenterEntity, { id, removed: IsNull() })) ?? undefined;
  }

  /** Non-removed zones, ordered by id, in two statements (count, page). */
  async list(query: ZoneQuery, page: PageRequest): Promise<Page<DataCenterEntity>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(DataCenterEntity, 'zone')
      .where('zone.removed IS NULL');
    if (query.id !== undefined) builder.andWhere('zone.id = :id', { id: query.id });
    if (query.name !== undefined) builder.andWhere('zone.name = :name', { name: query.name });
    if (query.keyword !== undefined) {
      builder.andWhere(`zone.name LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(query.keyword) });
    }
    if (query.enabledOnly) builder.andWhere("zone.allocationState = 'Enabled'");
    const total = await builder.getCount();
    if (total === 0 || page.offset >= total) return { items: [], total };
    builder.orderBy('zone.id', 'ASC').skip(page.offset);
    if (page.limit !== undefined) builder.take(page.limit);
    return { items: await builder.getMany(), total };
  }

  /**
   * Marks the zone removed, as CloudStack does, once nothing lives in it any more (its own
   * `checkIfZoneIsDeletable` wording).
   */
  async delete(id: string): Promise<void> {
    const manager = this.dataSource.manager;
    if (await manager.existsBy(VmInstanceEntity, { dataCenterId: id, removed: IsNull() })) {
      throw operationFailed('The zone cannot be deleted because there are virtual machines in this zone.');
    }
    if (await manager.existsBy(VolumeEntity, { dataCenterId: id, removed: IsNull() })) {
      throw operationFailed('The zone cannot be deleted because there are storage volumes in this zone.');
    }
    await manager.update(DataCenterEntity, { id, removed: IsNull() }, { removed: new Date() });
  }
}

/** The `data_center` row of a new zone. */
export function zoneRow(zone: NewZone, created: Date): Partial<DataCenterEntity> {
  return {
    name: zone.name,
    uuid: randomUUID(),
    description: zone.description ?? null,
    dns1: zone.dns1,
    internalDns1: zone.internalDns1,
    networkType: zone.networkType,
    allocationState: zone.allocationState,
    domainId: null,
    zoneToken: randomUUID(),
    created,
    removed: null,
  };
}
