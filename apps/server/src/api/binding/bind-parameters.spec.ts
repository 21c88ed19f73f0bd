import { type Caller } from '@csbr/framework/host';
import { defineCommand, type AnyCommandDefinition } from '../command-definition';
import { type UuidResolver } from '../ports/uuid-resolver';
import { bindParameters } from './bind-parameters';

const VM_UUID = '8f3c1a9e-1111-4222-8333-944455556666';
const OTHER_UUID = '8f3c1a9e-1111-4222-8333-000000000000';

const resolver: UuidResolver = {
  resolve: (entityType, uuid) => Promise.resolve(entityType === 'VirtualMachine' && uuid === VM_UUID ? '42' : undefined),
};

const user: Caller = {
  userId: 'u',
  accountId: 'a',
  accountName: 'alice',
  domainId: 'd',
  domainPath: '/',
  roleType: 'User',
};

const command = defineCommand({
  name: 'doThing',
  description: 'test',
  isAsync: false,
  allowedRoles: ['User'],
  params: [
    { name: 'virtualmachineid', type: 'uuid', entity: 'VirtualMachine', required: true, description: 'vm' },
    { name: 'count', type: 'integer', description: 'n' },
    { name: 'size', type: 'long', description: 'n' },
    { name: 'ratio', type: 'float', description: 'n' },
    { name: 'forced', type: 'boolean', description: 'b' },
    { name: 'name', type: 'string', length: 5, description: 's' },
    { name: 'startdate', type: 'date', description: 'd' },
    { name: 'expires', type: 'tzdate', description: 'd' },
    { name: 'ids', type: 'list', collectionType: 'uuid', entity: 'VirtualMachine', description: 'l' },
    { name: 'names', type: 'list', description: 'l' },
    { name: 'details', type: 'map', description: 'm' },
    { name: 'secret', type: 'string', authorized: ['Admin'], description: 'admin only' },
  ],
  response: { fields: [] },
  handler: () => Promise.resolve({ kind: 'success' }),
}) as AnyCommandDefinition;

function bind(raw: Record<string, string>) {
  return bindParameters(command, user, { virtualmachineid: VM_UUID, ...raw }, resolver);
}

describe('bindParameters', () => {
  it('binds every type and resolves uuids to internal ids', async () => {
    await expect(
      bind({
        count: '+12',
        size: '9007199254740991',
        ratio: '1.5',
        forced: 'TRUE',
        name: 'abc',
        startdate: '2030-01-02',
        expires: '2030-01-01T00:00:00Z',
        ids: `${VM_UUID}, ${VM_UUID},`,
        names: 'a,,b',
        'details[1].key': 'k2',
        'details[0].key': 'k1',
        'details[0].value': 'v1',
        unknown: 'ignored',
      }),
    ).resolves.toEqual({
      virtualmachineid: '42',
      count: 12,
      size: 9007199254740991,
      ratio: 1.5,
      forced: true,
      name: 'abc',
      startdate: new Date(Date.UTC(2030, 0, 2)),
      expires: new Date(Date.UTC(2030, 0, 1)),
      ids: ['42', '42'],
      names: ['a', 'b'],
      details: [{ key: 'k1', value: 'v1' }, { key: 'k2' }],
    });
  });

  it('treats anything but "true" as false for booleans, as Java does', async () => {
    await expect(bind({ forced: 'yes' })).resolves.toMatchObject({ forced: false });
  });

  it('ignores blank numbers and dates but keeps blank strings', async () => {
    const bound = await bind({ count: '', startdate: ' ', name: '' });
    expect(bound).toEqual({ virtualmachineid: '42', name: '' });
  });

  it('ignores parameters the caller role may not use', async () => {
    await expect(bind({ secret: 'x' })).resolves.toEqual({ virtualmachineid: '42' });
  });

  it.each([
    [{ virtualmachineid: '' }, 'Unable to execute API command dothing due to missing parameter virtualmachineid'],
    [{ count: '1.5' }, 'Unable to execute API command dothing due to invalid value 1.5 for parameter count'],
    [{ count: '2147483648' }, 'Unable to execute API command dothing due to invalid value 2147483648 for parameter count'],
    [{ ratio: 'abc' }, 'Unable to execute API command dothing due to invalid value abc for parameter ratio'],
    [
      { name: 'abcdef' },
      'Unable to execute API command dothing due to invalid value. Value greater than max allowed length 5 for param: name',
    ],
    [
      { virtualmachineid: OTHER_UUID },
      `Unable to execute API command dothing due to invalid value. Invalid parameter virtualmachineid value=${OTHER_UUID} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
    ],
    [
      { virtualmachineid: '42' },
      'Unable to execute API command dothing due to invalid value. Invalid parameter virtualmachineid value=42 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.',
    ],
    [
      { ids: `${VM_UUID},${OTHER_UUID}` },
      `Unable to execute API command dothing due to invalid value. Invalid parameter ids value=${OTHER_UUID} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
    ],
    [
      { startdate: '2030/01/02' },
      'Unable to parse date 2030/01/02 for command dothing, please pass dates in the format mentioned in the api documentation',
    ],
  ])('refuses %j with 431/9999', async (raw, message) => {
    await expect(bind(raw)).rejects.toMatchObject({ errorCode: 431, csErrorCode: 9999, message });
  });

  it('reports a missing required parameter', async () => {
    await expect(bindParameters(command, user, {}, resolver)).rejects.toMatchObject({
      errorCode: 431,
      message: 'Unable to execute API command dothing due to missing parameter virtualmachineid',
    });
  });
});
