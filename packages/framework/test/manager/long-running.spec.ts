import { BackupError, type RestorePoint } from '../../src';
import { alice, createFixture, expectBackupError, rootAdmin } from './manager-fixture';

/** A protected VM 10 in zone 1 with one backup, on a fixture built with `options`. */
async function protectedVm(options: Parameters<typeof createFixture>[0] = {}) {
  const f = createFixture(options);
  const policy = await f.importPolicy('gold', '1');
  f.addVm('10', { state: 'Stopped' });
  await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
  f.provider.nextRestorePoint = point('rp-1');
  const backup = await f.manager.createBackup(alice, { vmId: '10' });
  if (backup === undefined) throw new Error('no backup');
  return { ...f, policy, backup };
}

function point(externalId: string, created = new Date('2020-03-04T10:23:45Z')): RestorePoint {
  return { externalId, created, type: 'FULL', size: 10, protectedSize: 20 };
}

describe('BackupManager: three steps, no transaction around the provider call', () => {
  it('lists the backup as BackingUp while the provider works, and holds the VM only as data', async () => {
    const f = await protectedVm();
    const hold = f.provider.hold('takeBackup');
    f.provider.nextRestorePoint = point('rp-2');
    const taking = f.manager.createBackup(alice, { vmId: '10' }, { jobId: 'job-7' });
    await hold.reached;

    expect(f.store.getBackups('10').map((backup) => backup.status)).toEqual(['BackedUp', 'BackingUp']);
    expect(f.store.getOperations()).toEqual([
      expect.objectContaining({ kind: 'CreateBackup', vmIds: ['10'], jobId: 'job-7', ownerId: '1' }),
    ]);
    // Another operation on the VM is refused at once; the store has no transaction open meanwhile.
    await expectBackupError(
      f.manager.restoreBackup(alice, f.backup.id),
      'OPERATION_IN_PROGRESS',
      'Another backup operation is in progress for VM vm-uuid-10, please try again later',
    );

    hold.release();
    await expect(taking).resolves.toMatchObject({ externalId: 'rp-2', status: 'BackedUp' });
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('marks the backup Restoring during a restore and BackedUp again after, success or failure', async () => {
    const f = await protectedVm();
    const hold = f.provider.hold('restoreVm');
    const restoring = f.manager.restoreBackup(alice, f.backup.id);
    await hold.reached;
    expect(f.store.getBackups('10')[0]?.status).toBe('Restoring');
    hold.release();
    await restoring;
    expect(f.store.getBackups('10')[0]?.status).toBe('BackedUp');

    f.provider.failWith('restoreVm', new BackupError('UPSTREAM_REJECTED', 'Veeam said no'));
    await expectBackupError(f.manager.restoreBackup(alice, f.backup.id), 'UPSTREAM_REJECTED', 'Veeam said no');
    expect(f.store.getBackups('10')[0]?.status).toBe('BackedUp');
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('leaves no trace of a backup the provider failed to take', async () => {
    const f = await protectedVm();
    f.provider.failWith('takeBackup', new BackupError('UPSTREAM_UNAVAILABLE', 'Veeam is down'));

    await expectBackupError(f.manager.createBackup(alice, { vmId: '10' }), 'UPSTREAM_UNAVAILABLE', 'Veeam is down');

    expect(f.store.getBackups('10')).toEqual([f.backup]);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('keeps the row the sync recorded meanwhile for the same restore point, instead of a second one', async () => {
    const f = await protectedVm();
    const hold = f.provider.hold('takeBackup');
    f.provider.nextRestorePoint = point('rp-2');
    const taking = f.manager.createBackup(alice, { vmId: '10' });
    await hold.reached;
    const recordedBySync = f.store.addBackup({ vmId: '10', externalId: 'rp-2' });

    hold.release();

    await expect(taking).resolves.toEqual(recordedBySync);
    expect(f.store.getBackups('10').map((backup) => backup.externalId)).toEqual(['rp-1', 'rp-2']);
  });
});

describe('BackupManager: deadlines, cancellation and progress (contract 1.1)', () => {
  it('gives every provider call a signal and the deadline of its zone setting, and passes progress on', async () => {
    const f = await protectedVm();
    f.store.config.set('backup.framework.timeout.restore', '120', '1');
    const progress = { report: jest.fn() };

    await f.manager.restoreBackup(alice, f.backup.id, { progress });

    const [options] = f.provider.optionsOf('restoreVm');
    expect(options?.signal).toBeInstanceOf(AbortSignal);
    expect(options?.deadline).toEqual(new Date(f.clock.now().getTime() + 120_000));
    expect(options?.progress).toBe(progress);
    expect(f.provider.optionsOf('takeBackup')[0]?.deadline).toEqual(
      new Date(f.clock.now().getTime() + 6 * 3600_000),
    );
  });

  it('ends a provider call that hangs past its deadline with a timeout error, and releases the VM', async () => {
    const f = await protectedVm();
    f.store.config.set('backup.framework.timeout.backup', '1', '1');
    f.provider.hang('takeBackup');

    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '10' }),
      'TIMEOUT',
      'The backup provider fake did not finish in 1 seconds (backup.framework.timeout.backup); the operation was cancelled',
    );

    expect(f.provider.optionsOf('takeBackup')[1]?.signal?.aborted).toBe(true);
    expect(f.store.getBackups('10')).toEqual([f.backup]);
    expect(f.store.guardedVms()).toEqual([]);
  });

  it('reads a stored timeout outside the key range as its default', async () => {
    const f = await protectedVm();
    f.store.config.set('backup.framework.timeout.delete', '99999999', '1');

    await f.manager.deleteBackup(alice, { backupId: f.backup.id });

    expect(f.provider.optionsOf('deleteBackup')[0]?.deadline).toEqual(new Date(f.clock.now().getTime() + 3600_000));
  });

  it('cancels the provider call when the caller aborts, with the caller’s reason', async () => {
    const f = await protectedVm();
    f.provider.hang('restoreVm');
    const controller = new AbortController();
    const restoring = f.manager.restoreBackup(alice, f.backup.id, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));

    controller.abort(new BackupError('OPERATION_FAILED', 'The management server is shutting down'));

    await expectBackupError(restoring, 'OPERATION_FAILED', 'The management server is shutting down');
    expect(f.store.getBackups('10')[0]?.status).toBe('BackedUp');
    expect(f.store.guardedVms()).toEqual([]);
  });
});

describe('BackupManager: capabilities (contract 1.1)', () => {
  it('refuses what the provider cannot do before calling it', async () => {
    const f = createFixture({ capabilities: { adHocBackup: false, restoreVm: false, restoreVolume: false } });
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10', { state: 'Stopped' });
    await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    const calls = f.provider.calls.length;

    await expectBackupError(
      f.manager.createBackup(alice, { vmId: '10' }),
      'NOT_SUPPORTED',
      'The backup provider fake does not support ad-hoc backups',
    );
    await expectBackupError(
      f.manager.restoreBackup(alice, backup.id),
      'NOT_SUPPORTED',
      'The backup provider fake does not support restoring a VM from a backup',
    );
    await expectBackupError(
      f.manager.restoreBackupVolume(alice, { backupId: backup.id, volumeUuid: 'root-10', vmId: '10' }),
      'NOT_SUPPORTED',
      'The backup provider fake does not support restoring a single volume',
    );
    expect(f.provider.calls).toHaveLength(calls);
  });

  it('needs forced to delete where only whole chains can go, and then removes the chain', async () => {
    const f = await protectedVm({ capabilities: { deleteSingleBackup: false } });
    f.provider.nextRestorePoint = point('rp-2');
    await f.manager.createBackup(alice, { vmId: '10' });

    await expectBackupError(
      f.manager.deleteBackup(alice, { backupId: f.backup.id }),
      'INVALID_PARAMETER',
      'The backup provider fake does not have a safe way to remove a single restore point, which results in all backup chain being removed. Use forced:true to skip this verification and remove the complete backup chain.',
    );
    expect(f.provider.callsOf('deleteBackup')).toEqual([]);

    await f.manager.deleteBackup(alice, { backupId: f.backup.id, forced: true });
    expect(f.store.getBackups('10').map((backup) => backup.status)).toEqual(['Removed', 'Removed']);
  });
});

describe('BackupManager: recording outcomes', () => {
  it('retries recording the outcome while the database is away, never losing what the provider did', async () => {
    const f = await protectedVm();
    const hold = f.provider.hold('takeBackup');
    f.provider.nextRestorePoint = point('rp-2');
    const taking = f.manager.createBackup(alice, { vmId: '10' });
    await hold.reached;
    f.store.failTransactions(3);

    hold.release();

    await expect(taking).resolves.toMatchObject({ externalId: 'rp-2', status: 'BackedUp' });
    expect(f.logger.messages('warn')).toContain('Could not record the outcome of a backup operation; retrying');
    expect(f.store.guardedVms()).toEqual([]);
  });
});

describe('BackupManager: policies and assignments in flight', () => {
  it('refuses to delete a policy while an assignment to it is in flight', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    const hold = f.provider.hold('assignVm');
    const assigning = f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
    await hold.reached;

    await expectBackupError(
      f.manager.deletePolicy(rootAdmin, policy.id),
      'IN_USE',
      'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
    );
    hold.release();
    await assigning;
    expect(f.store.getPolicies()[0]?.removed).toBeUndefined();
  });

  it('lets exactly one of many concurrent deletions of a policy succeed', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => f.manager.deletePolicy(rootAdmin, policy.id)),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect((outcome).reason).toMatchObject({
        code: 'NOT_FOUND',
        message: `Could not find a backup policy with id: ${policy.uuid}`,
      });
    }
  });
});
