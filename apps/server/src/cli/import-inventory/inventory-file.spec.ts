import { normalizeDomainReference, parseInventoryFile } from './inventory-file';

describe('normalizeDomainReference', () => {
  it.each([
    ['/', '/'],
    ['ROOT', '/'],
    ['', '/'],
    ['sales', '/sales/'],
    ['/sales', '/sales/'],
    ['ROOT/sales/emea', '/sales/emea/'],
    ['/sales/emea/', '/sales/emea/'],
  ])('reads %j as the domain path %j', (reference, path) => {
    expect(normalizeDomainReference(reference)).toBe(path);
  });
});

describe('parseInventoryFile', () => {
  it('fills the defaults of zones, accounts and VMs', () => {
    const inventory = parseInventoryFile({
      zones: [{ name: 'z1' }],
      accounts: [{ name: 'a1', users: [{ username: 'u1' }] }],
      vms: [{ zone: 'z1', account: 'a1' }],
    });

    expect(inventory).toEqual({
      zones: [{ name: 'z1', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced', allocationstate: 'Enabled' }],
      domains: [],
      accounts: [{ name: 'a1', domain: '/', type: 0, users: [{ username: 'u1' }] }],
      vms: [{ zone: 'z1', account: 'a1', domain: '/', state: 'Running', rootDiskSize: 8, dataDisks: [] }],
    });
  });

  it('reads account types by name or number', () => {
    const inventory = parseInventoryFile({
      accounts: [
        { name: 'a', type: 'DomainAdmin' },
        { name: 'b', type: 1 },
        { name: 'c', type: 'user' },
      ],
    });

    expect(inventory.accounts.map((account) => account.type)).toEqual([2, 1, 0]);
  });

  it('refuses sizes that are not positive numbers, naming each one', () => {
    expect(() => parseInventoryFile({ vms: [{ zone: 'z', account: 'a', rootDiskSize: 0, dataDisks: [10, '20'] }] })).toThrow(
      expect.objectContaining({ problems: ['vms[0].rootDiskSize must be a positive number of GB', 'vms[0].dataDisks[1] must be a positive number of GB'] }),
    );
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseInventoryFile([])).toThrow(expect.objectContaining({ problems: ['$ must be an object'] }));
  });
});
