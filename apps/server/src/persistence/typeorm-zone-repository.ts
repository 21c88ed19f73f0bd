import { type Zone } from '@csbr/framework';
import { type ZoneRepository } from '@csbr/framework/host';
import { type EntityManager, IsNull } from 'typeorm';

import { type SnapshotZone, snapshotZone } from '../configuration/configuration-snapshot';
import { DataCenterEntity } from '../database/entities';

/** Zones (`data_center`). */
export class TypeOrmZoneRepository implements ZoneRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string): Promise<Zone | undefined> {
    // In a job, the zone's row came with its configuration (the zone gate read that first).
    const known = await snapshotZone(id)?.catch(() => undefined);
    if (known !== undefined) return known === null ? undefined : toZone(known);
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

function toZone(zone: DataCenterEntity | SnapshotZone): Zone {
  return { id: zone.id, uuid: zone.uuid ?? '', name: zone.name ?? '' };
}
