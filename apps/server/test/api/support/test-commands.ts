import { randomUUID } from 'node:crypto';
import { BackupError } from '@csbr/framework';
import { defineCommand, type AnyCommandDefinition } from '../../../src/api/command-definition';
import { accountScopeParams, listParams } from '../../../src/api/common-params';
import { type AccountScopeResolver } from '../../../src/api/scope/account-scope-resolver';
import { THINGS } from './fake-ports';

/** Lets a test hold an async job in its pending state and release it. */
export class Gate {
  private release: (() => void) | undefined;
  private readonly opened: Promise<void>;

  constructor() {
    this.opened = new Promise<void>((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.release?.();
  }

  wait(): Promise<void> {
    return this.opened;
  }
}

const THING_CREATED = new Date(Date.UTC(2019, 9, 1, 12, 0, 0));

const THING_FIELDS = [
  { name: 'id', type: 'string', description: 'the id of the thing' },
  { name: 'name', type: 'string', description: 'the name of the thing' },
  { name: 'created', type: 'date', description: 'when it was created' },
  { name: 'size', type: 'long', description: 'its size' },
  { name: 'enabled', type: 'boolean', description: 'whether it is enabled' },
  {
    name: 'details',
    type: 'map',
    description: 'details',
    response: [{ name: 'color', type: 'string', description: 'a color' }],
  },
] as const;

function thingResponse(thing: (typeof THINGS)[number], index: number): Record<string, unknown> {
  return {
    id: thing.uuid,
    name: thing.name,
    description: null,
    created: THING_CREATED,
    size: 1024 * (index + 1),
    enabled: index % 2 === 0,
    details: { color: `<${thing.name}> & 'co'` },
  };
}

export interface TestCommandDeps {
  readonly gate: () => Gate;
  readonly scopes: AccountScopeResolver;
}

/** The commands the e2e tests call. */
export function testCommands(deps: TestCommandDeps): AnyCommandDefinition[] {
  return [
    defineCommand({
      name: 'listThings',
      description: 'Lists things',
      since: '4.14.0',
      isAsync: false,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      related: ['adminThing'],
      params: [
        ...listParams(),
        { name: 'id', type: 'uuid', entity: 'Thing', related: ['listThings'], description: 'the id of the thing' },
      ],
      response: { objectName: 'thing', fields: THING_FIELDS },
      handler: ({ params, paging }) => {
        const matching = THINGS.map(thingResponse).filter(
          (thing, index) =>
            (params.keyword === undefined || String(thing.name).includes(params.keyword)) &&
            (params.id === undefined || THINGS[index]?.internalId === params.id),
        );
        const end = paging.limit === undefined ? undefined : paging.offset + paging.limit;
        return Promise.resolve({
          kind: 'list',
          objectName: 'thing',
          items: matching.slice(paging.offset, end),
          total: matching.length,
        });
      },
    }),
    defineCommand({
      name: 'adminThing',
      description: 'Shows a thing to root admins',
      isAsync: false,
      allowedRoles: ['Admin'],
      params: [{ name: 'secretinfo', type: 'boolean', authorized: ['Admin'], description: 'admin-only flag' }],
      response: { objectName: 'thing', fields: THING_FIELDS },
      handler: () => Promise.resolve({ kind: 'object', objectName: 'thing', item: thingResponse(THINGS[0], 0) }),
    }),
    defineCommand({
      name: 'typedThing',
      description: 'Echoes its typed parameters',
      isAsync: false,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      params: [
        { name: 'thingid', type: 'uuid', entity: 'Thing', required: true, description: 'a thing' },
        { name: 'count', type: 'integer', description: 'a count' },
        { name: 'flag', type: 'boolean', description: 'a flag' },
        { name: 'label', type: 'string', length: 10, description: 'a label' },
        { name: 'when', type: 'tzdate', description: 'a date' },
        { name: 'tags', type: 'map', description: 'tags' },
      ],
      response: { fields: [{ name: 'thingid', type: 'string', description: 'internal id' }] },
      handler: ({ params }) => {
        // Typed from the definitions: thingid is a string, count a number, when a Date.
        const echoed: { thingid: string; count?: number; flag?: boolean; label?: string; when?: Date } = params;
        return Promise.resolve({ kind: 'flat', fields: { ...echoed, tags: params.tags } });
      },
    }),
    defineCommand({
      name: 'scopeThing',
      description: 'Shows the account scope computed for the caller',
      isAsync: false,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      params: [...accountScopeParams(), { name: 'id', type: 'uuid', entity: 'Thing', description: 'a thing' }],
      response: { fields: [{ name: 'kind', type: 'string', description: 'scope kind' }] },
      handler: async (context) => ({ kind: 'flat', fields: await deps.scopes.resolve(context) }),
    }),
    defineCommand({
      name: 'slowThing',
      description: 'An async command that waits for the test',
      isAsync: true,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      eventType: 'THING.SLOW',
      eventDescription: 'doing a slow thing',
      jobInstance: { type: 'Thing', param: 'id' },
      params: [{ name: 'id', type: 'uuid', entity: 'Thing', required: true, description: 'a thing' }],
      response: { objectName: 'thing', fields: THING_FIELDS },
      handler: async ({ params }) => {
        await deps.gate().wait();
        const index = THINGS.findIndex((thing) => thing.internalId === params.id);
        return { kind: 'object', objectName: 'thing', item: thingResponse(THINGS[index] ?? THINGS[0], index) };
      },
    }),
    defineCommand({
      name: 'successThing',
      description: 'An async command that succeeds with no entity',
      isAsync: true,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      params: [],
      response: { fields: [{ name: 'success', type: 'boolean', description: 'true' }] },
      handler: () => Promise.resolve({ kind: 'success' }),
    }),
    defineCommand({
      name: 'failThing',
      description: 'An async command that fails',
      isAsync: true,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      eventType: 'THING.FAIL',
      params: [],
      response: { fields: [] },
      handler: () => Promise.reject(new BackupError('OPERATION_FAILED', 'Failed to do the thing')),
    }),
    defineCommand({
      name: 'createThing',
      description: 'A create-style async command',
      isAsync: true,
      isCreate: true,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      jobInstance: { type: 'Thing' },
      params: [{ name: 'name', type: 'string', required: true, description: 'the name' }],
      response: { objectName: 'thing', fields: THING_FIELDS },
      create: () => Promise.resolve({ id: randomUUID() }),
      handler: ({ created, params }) =>
        Promise.resolve({ kind: 'object', objectName: 'thing', item: { id: created?.id, name: params.name } }),
    }),
    defineCommand({
      name: 'brokenThing',
      description: 'A command with a bug',
      isAsync: false,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      params: [],
      response: { fields: [] },
      handler: () => Promise.reject(new TypeError('internal detail: password=hunter2')),
    }),
    defineCommand({
      name: 'invalidThing',
      description: 'A command refusing a value',
      isAsync: false,
      allowedRoles: ['Admin', 'DomainAdmin', 'User'],
      params: [],
      response: { fields: [] },
      handler: () => Promise.reject(new BackupError('INVALID_PARAMETER', 'Invalid thing value')),
    }),
  ];
}
