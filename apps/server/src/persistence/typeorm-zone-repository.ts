import { type Zone } from '@csbr/framework';
import { type ZoneRepository } from '@csbr/framework/host';
import { type EntityManager, IsNull } from 'typeorm';

import { DataCenterEntity } from '../database/entities';

/** Zones (`data_center`). */
export class TypeOrmZoneRepository implements ZoneRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string): Promise<Zone | undefined> {
    const zone = await this.manager.findOneBy(DataCenterEntity, { id });
    return zone === null ? undefined : toZone(zone);
  }

  async listActive(): Promise<readonly Zone[]> {
    const zones = await this.manager.find(DataCenterEntity, {
      where: { removed: IsNull() },
      order: { id: 'ASC' },
    });
    return zones.map(toZone);
  }
}

function toZone(zone: DataCenterEntity): Zone {
  return { id: zone.id, uuid: zone.uuid ?? '', name: zone.name ?? '' };
}
