import { type InventoryEnv, startInventoryEnv } from './support/inventory-env';

/** Every command this area adds, and whether CloudStack runs it as an async job. */
const COMMANDS: Readonly<Record<string, boolean>> = {
  createZone: false,
  listZones: false,
  deleteZone: false,
  createDomain: false,
  listDomains: false,
  createAccount: false,
  listAccounts: false,
  deleteAccount: true,
  listUsers: false,
  registerUserKeys: false,
  getUserKeys: false,
  deployVirtualMachine: true,
  listVirtualMachines: false,
  startVirtualMachine: true,
  stopVirtualMachine: true,
  destroyVirtualMachine: true,
  listVolumes: false,
  attachVolume: true,
  detachVolume: true,
  listConfigurations: false,
  updateConfiguration: false,
  listEvents: false,
};

describe('listApis for the inventory, configuration and event commands', () => {
  let env: InventoryEnv;

  beforeAll(async () => {
    env = await startInventoryEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('describes every command with its async flag, parameters and response fields', async () => {
    const { api } = await env.admin.ok('listApis', {});

    const byName = new Map<string, { isasync: boolean; params: { name: string }[]; response: { name: string }[]; description: string }>(
      api.map((item: { name: string }) => [item.name, item]),
    );
    for (const [name, isAsync] of Object.entries(COMMANDS)) {
      const item = byName.get(name);
      expect({ name, isasync: item?.isasync }).toEqual({ name, isasync: isAsync });
      expect(item?.description).not.toBe('');
      expect(item?.response.length).toBeGreaterThan(0);
    }
    expect(byName.get('listVirtualMachines')?.response.map((field) => field.name)).toEqual(
      expect.arrayContaining(['backuppolicyid', 'backuppolicyname', 'instancename']),
    );
    expect(byName.get('deployVirtualMachine')?.params.map((param) => param.name)).toEqual(
      expect.arrayContaining(['zoneid', 'name', 'displayname', 'account', 'domainid', 'serviceofferingid', 'templateid', 'rootdisksize', 'size', 'startvm']),
    );
  });

  it('shows a user the commands of its role only', async () => {
    const user = await env.createUser({ name: 'api-reader' });

    const { api } = await user.client.ok('listApis', {});

    const names = new Set(api.map((item: { name: string }) => item.name));
    expect(names.has('listVirtualMachines')).toBe(true);
    expect(names.has('deployVirtualMachine')).toBe(true);
    expect(names.has('createZone')).toBe(false);
    expect(names.has('updateConfiguration')).toBe(false);
  });
});
