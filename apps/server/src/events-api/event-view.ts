import { type EventEntity } from '../database/entities';
import { field } from '../inventory/support/response-field';

/** An event with the names and uuids its response shows. */
export interface EventView {
  readonly event: EventEntity;
  readonly username?: string;
  readonly accountName: string;
  readonly domainUuid: string;
  readonly domainName: string;
  readonly parentUuid?: string;
  /** The uuid of the resource the event is about, when its type is known. */
  readonly resourceUuid?: string;
}

/** CloudStack's `EventResponse` (object name `event`), the fields csbr has. */
export function toEventResponse(view: EventView): object {
  const { event } = view;
  return {
    id: event.uuid ?? '',
    username: view.username,
    type: event.type,
    level: event.level,
    description: event.description,
    account: view.accountName,
    resourceid: view.resourceUuid,
    resourcetype: view.resourceUuid === undefined ? undefined : (event.resourceType ?? undefined),
    domainid: view.domainUuid,
    domain: view.domainName,
    created: event.created,
    state: event.state,
    parentid: view.parentUuid,
  };
}

export const EVENT_RESPONSE = {
  objectName: 'event',
  fields: [
    field('id', 'string', 'the ID of the event'),
    field('username', 'string', 'the name of the user who performed the action (can be different from the account if an admin is performing an action for a user, e.g. starting/stopping a user\'s virtual machine)'),
    field('type', 'string', 'the type of the event (see event types)'),
    field('level', 'string', 'the event level (INFO, WARN, ERROR)'),
    field('description', 'string', 'a brief description of the event'),
    field('account', 'string', 'the account name for the account that owns the object being acted on in the event (e.g. the owner of the virtual machine, ip address, or security group)'),
    field('resourceid', 'string', 'the id of the resource'),
    field('resourcetype', 'string', 'the type of the resource'),
    field('domainid', 'string', 'the id of the account\'s domain'),
    field('domain', 'string', 'the name of the account\'s domain'),
    field('created', 'date', 'the date the event was created'),
    field('state', 'string', 'the state of the event'),
    field('parentid', 'string', 'whether the event is parented'),
  ],
} as const;
