import { alice, createFixture, expectBackupError, rootAdmin } from './manager-fixture';

const NOT_ALLOWED = 'The assigned backup offering does not allow ad-hoc user backup';

/** Zone 1 with a policy imported with `allowUserDrivenBackups: false`, alice's VM 10 assigned to it. */
async function vmUnderClosedPolicy() {
  const f = createFixture();
  const policy = await f.manager.importPolicy(rootAdmin, {
    zoneId: '1',
    externalId: 'gold',
    name: 'Gold',
    description: 'Gold description',
    allowUserDrivenBackups: false,
  });
  const vm = f.addVm('10');
  await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
  return { ...f, policy, vm };
}

describe('allowUserDrivenBackups (CloudStack user_driven_backup)', () => {
  it('refuses ad-hoc backups under a policy that does not allow them, for users and admins, without calling the provider', async () => {
    const f = await vmUnderClosedPolicy();
    expect(f.policy.allowUserDrivenBackups).toBe(false);

    await expectBackupError(f.manager.createBackup(alice, { vmId: '10' }), 'INVALID_STATE', NOT_ALLOWED);
    await expectBackupError(f.manager.createBackup(rootAdmin, { vmId: '10' }), 'INVALID_STATE', NOT_ALLOWED);
    expect(f.provider.callsOf('takeBackup')).toEqual([]);
  });

  it('still lists such a policy to users', async () => {
    const f = await vmUnderClosedPolicy();
    const page = await f.manager.listPolicies(alice, {}, { offset: 0, limit: 10 });
    expect(page.items.map((policy) => [policy.name, policy.allowUserDrivenBackups])).toEqual([['Gold', false]]);
  });

  it('lets an update open the policy to ad-hoc backups, and keeps what the update leaves out', async () => {
    const f = await vmUnderClosedPolicy();
    const updated = await f.manager.updatePolicy(rootAdmin, { policyId: f.policy.id, allowUserDrivenBackups: true });
    expect(updated).toMatchObject({ name: 'Gold', description: 'Gold description', allowUserDrivenBackups: true });

    f.provider.nextRestorePoint = {
      externalId: 'rp-1',
      created: new Date('2020-03-04T10:20:00Z'),
      type: 'FULL',
      size: 1024,
      protectedSize: 1024000,
    };
    await expect(f.manager.createBackup(alice, { vmId: '10' })).resolves.toMatchObject({ vmId: '10', externalId: 'rp-1' });
    expect(f.provider.callsOf('takeBackup')).toHaveLength(1);
  });

  it('updates for root admins only, and only active policies', async () => {
    const f = await vmUnderClosedPolicy();
    await expectBackupError(
      f.manager.updatePolicy(alice, { policyId: f.policy.id, name: 'Mine' }),
      'PERMISSION_DENIED',
      'Only a Root Admin can update a backup policy, permission denied',
    );
    await expectBackupError(
      f.manager.updatePolicy(rootAdmin, { policyId: '999', name: 'Nope' }),
      'INVALID_PARAMETER',
      'Unable to find Backup Policy with id: [999].',
    );
    expect((await f.manager.listPolicies(rootAdmin, {}, { offset: 0, limit: 10 })).items[0]?.name).toBe('Gold');
  });

  it('defaults to allowed when an import does not say (the policy era had no such switch)', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('silver', '1');
    expect(policy.allowUserDrivenBackups).toBe(true);
  });
});
