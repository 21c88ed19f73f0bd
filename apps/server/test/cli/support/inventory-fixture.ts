/** A generated inventory file: `vmCount` VMs spread over the accounts, every tenth Stopped, every third with a data disk. */
export function generatedInventory(options: {
  readonly vmCount: number;
  readonly zones?: readonly string[];
  readonly accountsPerDomain?: number;
  readonly prefix?: string;
}): Record<string, unknown> {
  const prefix = options.prefix ?? 'bulk';
  const zones = options.zones ?? [`${prefix}-zone-a`, `${prefix}-zone-b`];
  const domains = [`${prefix}-sales`, `${prefix}-support`];
  const accountsPerDomain = options.accountsPerDomain ?? 5;
  const accounts = domains.flatMap((domain) =>
    Array.from({ length: accountsPerDomain }, (_, index) => ({
      name: `${domain}-tenant-${index}`,
      domain: `/${domain}/`,
      type: 'User',
      users: [{ username: `${domain}-user-${index}` }],
    })),
  );
  return {
    zones: zones.map((name) => ({ name })),
    domains: domains.map((name) => ({ name })),
    accounts,
    vms: Array.from({ length: options.vmCount }, (_, index) => {
      const account = accounts[index % accounts.length];
      return {
        name: `${prefix}-vm-${index}`,
        zone: zones[index % zones.length],
        account: account?.name,
        domain: account?.domain,
        state: index % 10 === 0 ? 'Stopped' : 'Running',
        rootDiskSize: 10,
        dataDisks: index % 3 === 0 ? [20] : [],
      };
    }),
  };
}
