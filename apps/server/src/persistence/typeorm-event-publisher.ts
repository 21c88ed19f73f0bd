import { randomUUID } from 'node:crypto';

import {
  type ActionEvent,
  type Clock,
  type EventPublisher,
  type UsageEvent,
} from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { EventEntity, UsageEventEntity } from '../database/entities';
import { insertMany } from '../inventory/records/insert-many';
import { insertRow } from './insert-row';

/** Rows per multi-row INSERT. */
const EVENTS_PER_STATEMENT = 1000;

/**
 * Writes CloudStack's `event` and `usage_event` rows. Bound to a transaction's manager, the rows
 * commit or roll back with the operation that published them.
 */
export class TypeOrmEventPublisher implements EventPublisher {
  constructor(private readonly manager: EntityManager, private readonly clock: Clock) {}

  async action(event: ActionEvent): Promise<void> {
    await insertRow(this.manager, EventEntity, {
      uuid: randomUUID(),
      type: event.type,
      state: event.state,
      description: event.description,
      userId: event.userId,
      accountId: event.accountId,
      domainId: event.domainId,
      resourceId: event.resourceId ?? null,
      resourceType: event.resourceType ?? null,
      created: this.clock.now(),
      level: event.level ?? 'INFO',
      startId: '0',
      archived: false,
      display: true,
    });
  }

  /** Multi-row INSERTs of a thousand usage events (the sync's metrics of a batch of VMs). */
  async usages(events: readonly UsageEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
      const rows = events.slice(start, start + EVENTS_PER_STATEMENT).map((event) => this.usageRow(event));
      await insertMany(this.manager, UsageEventEntity, rows);
    }
  }

  async usage(event: UsageEvent): Promise<void> {
    await insertRow(this.manager, UsageEventEntity, this.usageRow(event));
  }

  private usageRow(event: UsageEvent) {
    return {
      type: event.type,
      accountId: event.accountId,
      created: this.clock.now(),
      zoneId: event.zoneId,
      resourceId: event.resourceId,
      resourceName: event.resourceName,
      offeringId: event.offeringId ?? null,
      size: event.size === undefined ? null : String(event.size),
      virtualSize: event.virtualSize === undefined ? null : String(event.virtualSize),
      resourceType: event.resourceType,
      processed: false,
    };
  }

}
