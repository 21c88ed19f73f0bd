import { hashPassword, verifyPassword } from '../../src/bootstrap/password-hasher';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { type ImportSummary, importInventory, UnresolvedReferencesError } from '../../src/cli/import-inventory/import-inventory';
import { InvalidInventoryFileError, parseInventoryFile } from '../../src/cli/import-inventory/inventory-file';
import { type InventoryEnv, startInventoryEnv } from '../inventory/support/inventory-env';
import { SignedClient } from '../support/signed-client';
import { generatedInventory } from './support/inventory-fixture';

const GIB = 1024 ** 3;

describe('bulk inventory import', () => {
  let env: InventoryEnv;

  const runImport = (json: unknown): Promise<ImportSummary> =>
    importInventory(env.dataSource, parseInventoryFile(json), { cipher: env.app.get(SecretCipher), hashPassword, batchSize: 700 });

  beforeAll(async () => {
    env = await startInventoryEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('records 5,000 VMs with their volumes, owners and CloudStack instance names', async () => {
    const summary = await runImport(generatedInventory({ vmCount: 5000 }));

    expect(summary).toEqual({
      zones: { created: 2, existing: 0 },
      domains: { created: 2, existing: 0 },
      accounts: { created: 10, existing: 0 },
      users: 10,
      vms: 5000,
      volumes: 5000 + 1667,
    });
    const [vms] = await env.query<{ total: string; stopped: string; misnamed: string; simulator: string; cloudstack: string }>(
      `SELECT COUNT(*) AS total,
              SUM(state = 'Stopped') AS stopped,
              SUM(instance_name <> CONCAT('i-', account_id, '-', id, '-VM')) AS misnamed,
              SUM(hypervisor_type = 'Simulator') AS simulator,
              SUM(guest_os_id = 103 AND vnc_password = '' AND vm_type = 'User' AND service_offering_id = 1) AS cloudstack
         FROM vm_instance WHERE name LIKE 'bulk-vm-%'`,
    );
    // CloudStack 4.22's NOT NULL columns get csbr's values (guest OS "Other (64-bit)", no console, …).
    expect(vms).toEqual({ total: '5000', stopped: '500', misnamed: '0', simulator: '5000', cloudstack: '5000' });
    const volumes = await env.query<{ volume_type: string; device_id: string; size: string; count: string }>(
      `SELECT v.volume_type, v.device_id, v.size, v.disk_offering_id, COUNT(*) AS count
         FROM volumes v JOIN vm_instance vm ON vm.id = v.instance_id
        WHERE vm.name LIKE 'bulk-vm-%' GROUP BY v.volume_type, v.device_id, v.size, v.disk_offering_id ORDER BY v.volume_type DESC`,
    );
    expect(volumes).toEqual([
      { volume_type: 'ROOT', device_id: '0', size: String(10 * GIB), disk_offering_id: '1', count: '5000' },
      { volume_type: 'DATADISK', device_id: '1', size: String(20 * GIB), disk_offering_id: '1', count: '1667' },
    ]);
    const [owners] = await env.query<{ mismatched: string }>(
      `SELECT COUNT(*) AS mismatched FROM vm_instance vm
         JOIN account a ON a.id = vm.account_id
         LEFT JOIN user u ON u.id = vm.user_id AND u.account_id = a.id
        WHERE vm.name LIKE 'bulk-vm-%' AND (vm.domain_id <> a.domain_id OR u.id IS NULL)`,
    );
    expect(owners?.mismatched).toBe('0');
  });

  it('makes imported VMs visible through the API to their owners, with keys from the file', async () => {
    await runImport({
      zones: [{ name: 'api-zone' }],
      domains: [{ name: 'emea', parent: 'ROOT/api-sales' }, { name: 'api-sales' }],
      accounts: [
        {
          name: 'importer',
          domain: 'ROOT/api-sales/emea',
          users: [{ username: 'imp', password: 'imported-password', apikey: 'imported-api-key', secretkey: 'imported-secret-key' }],
        },
      ],
      vms: [{ name: 'imported-vm', zone: 'api-zone', account: 'importer', domain: '/api-sales/emea/', dataDisks: [5, 6] }],
    });
    const client = new SignedClient(env.url, 'imported-api-key', 'imported-secret-key');

    const listed = await client.ok('listVirtualMachines', {});
    const volumes = await client.ok('listVolumes', {});

    expect(listed).toEqual({
      count: 1,
      virtualmachine: [expect.objectContaining({ name: 'imported-vm', state: 'Running', account: 'importer', domain: 'emea', zonename: 'api-zone', username: 'imp' })],
    });
    expect(volumes.volume.map((volume: { type: string; deviceid: number; size: number }) => [volume.type, volume.deviceid, volume.size])).toEqual([
      ['ROOT', 0, 8 * GIB],
      ['DATADISK', 1, 5 * GIB],
      ['DATADISK', 2, 6 * GIB],
    ]);
    const [user] = await env.query<{ password: string; secret_key: string }>("SELECT password, secret_key FROM user WHERE username = 'imp'");
    expect(await verifyPassword('imported-password', user?.password ?? '')).toBe(true);
    expect(user?.secret_key).toMatch(/^enc:v1:/);
  });

  it('reuses zones, domains and accounts that already exist, and adds the VMs', async () => {
    const file = generatedInventory({ vmCount: 20, prefix: 'again' });
    await runImport(file);

    const second = await runImport(file);

    expect(second).toMatchObject({
      zones: { created: 0, existing: 2 },
      domains: { created: 0, existing: 2 },
      accounts: { created: 0, existing: 10 },
      users: 0,
      vms: 20,
    });
    const [row] = await env.query<{ count: string }>("SELECT COUNT(*) AS count FROM vm_instance WHERE name LIKE 'again-vm-%'");
    expect(row?.count).toBe('40');
  });

  it('writes nothing when the file names a zone or an account that does not exist', async () => {
    const attempt = runImport({
      zones: [{ name: 'orphan-zone' }],
      vms: [
        { name: 'lost-1', zone: 'nowhere', account: 'admin' },
        { name: 'lost-2', zone: 'orphan-zone', account: 'nobody', domain: '/' },
      ],
    });

    await expect(attempt).rejects.toThrow(UnresolvedReferencesError);
    await expect(attempt).rejects.toMatchObject({
      problems: ['vms[0].zone: no zone named nowhere', 'vms[1].account: no account nobody in domain /'],
    });
    expect(await env.query("SELECT id FROM data_center WHERE name = 'orphan-zone'")).toEqual([]);
  });

  it('reports every malformed field of the file by its path', () => {
    const parse = (): unknown =>
      parseInventoryFile({
        zones: [{ name: 'z', networktype: 'Weird' }],
        accounts: [{ domain: '/', type: 'Superuser', users: [{ username: 'u', apikey: 'only-half' }] }],
        vms: 'all of them',
      });

    expect(parse).toThrow(InvalidInventoryFileError);
    expect(parse).toThrow(
      expect.objectContaining({
        problems: [
          'zones[0].networktype must be Basic or Advanced',
          'accounts[0].name is required',
          'accounts[0].type must be User, DomainAdmin, Admin (or 0, 2, 1)',
          'accounts[0].users[0]: apikey and secretkey go together',
          'vms must be a list',
        ],
      }),
    );
  });
});
