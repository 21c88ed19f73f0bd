import { type BackupOperation, type RecoveredOperation } from '../../src/host';
import { type RestorePoint } from '../../src';
import { type FakeMethod } from './fake-provider';
import { alice, createFixture, expectBackupError } from './manager-fixture';

const DEAD = '99';
const CREATED = new Date('2020-03-04T10:23:45Z');

function point(externalId: string, created = CREATED): RestorePoint {
  return { externalId, created, type: 'Full', size: 10, protectedSize: 20 };
}

async function protectedVm(options: Parameters<typeof createFixture>[0] = {}) {
  const f = createFixture(options);
  const policy = await f.importPolicy('gold', '1');
  f.addVm('10', { state: 'Stopped' });
  await f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id });
  const backup = f.store.addBackup({ vmId: '10', externalId: 'rp-1', date: new Date('2020-01-01T00:00:00Z') });
  return { ...f, policy, backup };
}

type Fixture = Awaited<ReturnType<typeof protectedVm>>;

/**
 * Starts an operation, holds it inside its provider call, and pretends the server running it died:
 * the operation now belongs to management server 99. Returns the operation and the stranded call,
 * which ends once released.
 */
async function strand(
  f: Fixture,
  method: FakeMethod,
  start: () => Promise<unknown>,
): Promise<{ operation: BackupOperation; stranded: Promise<unknown>; release: () => void }> {
  const hold = f.provider.hold(method);
  const stranded = start().catch((error: unknown) => error);
  await hold.reached;
  const [operation] = f.store.getOperations();
  if (operation === undefined) throw new Error('no operation recorded');
  f.store.reassignOperation(operation.id, DEAD);
  return { operation, stranded, release: hold.release };
}

function statusOf(recovered: readonly RecoveredOperation[]): string[] {
  return recovered.map((entry) =>
    entry.status === 'succeeded' ? 'succeeded' : `failed: ${entry.error.message}`,
  );
}

describe('BackupManager.recoverOperations', () => {
  it('records a backup the provider finished, found by its restore point listing, and fences out the dead server', async () => {
    const f = await protectedVm();
    const { stranded, release } = await strand(f, 'takeBackup', () =>
      f.manager.createBackup(alice, { vmId: '10' }, { jobId: 'job-1' }),
    );
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1', new Date('2020-01-01T00:00:00Z')), point('rp-new')]);

    const recovered = await f.manager.recoverOperations(DEAD);

    expect(statusOf(recovered)).toEqual(['succeeded']);
    expect(recovered[0]).toMatchObject({ operation: { jobId: 'job-1' }, value: { externalId: 'rp-new', status: 'BackedUp' } });
    expect(f.store.getBackups('10').map((b) => [b.externalId, b.status])).toEqual([
      ['rp-1', 'BackedUp'],
      ['rp-new', 'BackedUp'],
    ]);
    expect(f.store.guardedVms()).toEqual([]);
    expect(f.provider.callsOf('takeBackup')).toHaveLength(1);

    // The "dead" server wakes up: its outcome no longer counts.
    f.provider.nextRestorePoint = point('rp-late');
    release();
    await expect(stranded).resolves.toMatchObject({ code: 'OPERATION_FAILED', message: expect.stringContaining('took over') });
    expect(f.store.getBackups('10')).toHaveLength(2);
  });

  it('fails a backup the provider has no new restore point for, and removes its in-progress row', async () => {
    const f = await protectedVm();
    const { release, stranded } = await strand(f, 'takeBackup', () => f.manager.createBackup(alice, { vmId: '10' }));
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1', new Date('2020-01-01T00:00:00Z'))]);

    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual([
      'failed: The management server running this backup stopped before it finished, and the backup provider has no new restore point for the VM: the backup was not taken',
    ]);
    expect(f.store.getBackups('10')).toEqual([f.backup]);
    release();
    await stranded;
  });

  it('fails a backup whose provider cannot list restore points, saying it cannot tell', async () => {
    const f = await protectedVm({ listsRestorePoints: false });
    const { release, stranded } = await strand(f, 'takeBackup', () => f.manager.createBackup(alice, { vmId: '10' }));

    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual([
      'failed: The management server running this backup stopped before it finished, and the backup provider cannot tell whether the backup was taken; it is not recorded',
    ]);
    expect(f.store.getBackups('10')).toEqual([f.backup]);
    release();
    await stranded;
  });

  it('records what the provider answered before the database failed, without asking it again', async () => {
    const f = await protectedVm({ listsRestorePoints: false });
    const { operation, release, stranded } = await strand(f, 'takeBackup', () =>
      f.manager.createBackup(alice, { vmId: '10' }),
    );
    await f.store.operations.markProviderDone(operation.id, JSON.stringify(point('rp-done')));

    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual(['succeeded']);
    expect(f.store.getBackups('10').map((b) => b.externalId)).toEqual(['rp-1', 'rp-done']);
    expect(f.provider.callsOf('listRestorePoints')).toEqual([]);
    release();
    await stranded;
  });

  it('never runs a restore twice: it fails it and makes the backup usable again', async () => {
    const f = await protectedVm();
    const { release, stranded } = await strand(f, 'restoreVm', () => f.manager.restoreBackup(alice, f.backup.id));
    expect(f.store.getBackups('10')[0]?.status).toBe('Restoring');

    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual([
      'failed: The management server running this restore stopped before it finished; the VM may be partly restored. Check the VM and restore it again if needed',
    ]);
    expect(f.store.getBackups('10')[0]?.status).toBe('BackedUp');
    expect(f.provider.callsOf('restoreVm')).toHaveLength(1);
    release();
    await stranded;
  });

  it('records a deletion the provider finished, and fails one whose backup is still there', async () => {
    const f = await protectedVm();
    const first = await strand(f, 'deleteBackup', () => f.manager.deleteBackup(alice, { backupId: f.backup.id }));
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-other')]);
    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual(['succeeded']);
    expect(f.store.getBackups('10')[0]?.status).toBe('Removed');
    first.release();
    await first.stranded;

    const other = f.store.addBackup({ vmId: '10', externalId: 'rp-other' });
    const second = await strand(f, 'deleteBackup', () => f.manager.deleteBackup(alice, { backupId: other.id }));
    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual([
      'failed: The management server running this deletion stopped before it finished, and the backup still exists on the provider; delete it again',
    ]);
    expect(f.store.getBackups('10')[1]?.status).toBe('BackedUp');
    second.release();
    await second.stranded;
  });

  it('fails an interrupted assignment, leaving the VM unassigned and the policy free to delete', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    f.addVm('10');
    const hold = f.provider.hold('assignVm');
    const stranded = f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id }).catch((e: unknown) => e);
    await hold.reached;
    f.store.reassignOperation(f.store.getOperations()[0]!.id, DEAD);

    expect(statusOf(await f.manager.recoverOperations(DEAD))).toEqual([
      'failed: The management server running this assignment stopped before it finished; the VM is not assigned. Assign it again',
    ]);
    expect(f.store.getMappings()).toEqual([]);
    hold.release();
    await stranded;
    await expect(f.manager.assignPolicy(alice, { vmId: '10', policyId: policy.id })).resolves.toMatchObject({ vmId: '10' });
  });

  it('recovers each operation once when several servers recover the same dead one, and leaves others alone', async () => {
    const f = await protectedVm();
    const { release, stranded } = await strand(f, 'restoreVm', () => f.manager.restoreBackup(alice, f.backup.id));

    const [a, b] = await Promise.all([f.manager.recoverOperations(DEAD), f.manager.recoverOperations(DEAD)]);
    await expect(f.manager.recoverOperations('12345')).resolves.toEqual([]);

    expect([...(a ?? []), ...(b ?? [])]).toHaveLength(1);
    release();
    await stranded;
  });

  it('leaves nothing guarded after recovery, so new operations on the VM go through', async () => {
    const f = await protectedVm();
    const { release, stranded } = await strand(f, 'restoreVm', () => f.manager.restoreBackup(alice, f.backup.id));
    await expectBackupError(
      f.manager.restoreBackup(alice, f.backup.id),
      'OPERATION_IN_PROGRESS',
      'Another backup operation is in progress for VM vm-uuid-10, please try again later',
    );

    await f.manager.recoverOperations(DEAD);
    release();
    await stranded;

    await expect(f.manager.restoreBackup(alice, f.backup.id)).resolves.toBeUndefined();
  });
});
