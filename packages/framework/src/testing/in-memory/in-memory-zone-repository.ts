import { type Zone } from '../../domain/types';
import { type ZoneRepository } from '../../host/ports';
import { type StateAccess, type ZoneRecord } from './store-state';

export function createZoneRepository(access: StateAccess): ZoneRepository {
  return {
    findById(id) {
      const zone = access.read().zones.get(id);
      return Promise.resolve(zone === undefined ? undefined : toZone(zone));
    },
    listActive() {
      const zones = [...access.read().zones.values()].filter((zone) => zone.removed === undefined);
      return Promise.resolve(zones.map(toZone));
    },
  };
}

function toZone(record: ZoneRecord): Zone {
  return { id: record.id, uuid: record.uuid, name: record.name };
}
