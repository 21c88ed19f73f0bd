import assert from 'node:assert/strict';

import { type BackupProvider } from '../../contract/backup-provider';
import { type ProviderCallOptions } from '../../contract/call-options';
import { resolveProviderCapabilities, type ProviderCapabilities } from '../../contract/capabilities';
import {
  isBackupProviderDefinition,
  validateProviderDefinition,
  type BackupProviderDefinition,
} from '../../contract/define-backup-provider';
import { type Backup, type RestorePoint, type VirtualMachine, type Zone } from '../../domain/types';
import { BackupError, isBackupError } from '../../errors/backup-error';
import { defaultBackupName } from '../../host/backup-manager/resource-names';
import { createFakeProviderContext, type FakeProviderContext, type FakeProviderContextOptions } from '../fake-provider-context';
import { CONTRACT_ZONE, contractPolicy, contractVm } from './contract-fixtures';
import { testRunnerGlobals } from './test-runner-globals';

/** What a provider's systems look like to the suite, prepared before it runs. @public */
export interface ProviderContractEnvironment {
  /** Configuration values for the provider's context (URL and credentials of a simulator, say). */
  readonly values?: FakeProviderContextOptions['values'];
  /** The zone to work in; a fixed test zone when left out. */
  readonly zone?: Zone;
  /** Two VMs the provider can protect (Veeam: VMs of the vCenter inventory); test VMs when left out. */
  readonly vms?: readonly [VirtualMachine, VirtualMachine];
  /** The catalogue entry to assign the VMs to; the first one `listPolicies` returns when left out. */
  readonly policyExternalId?: string;
  /** Runs after the suite: stop what `setup` started. */
  teardown?(): Promise<void> | void;
}

/** Options of {@link describeBackupProviderContract}. @public */
export interface ProviderContractOptions {
  /** The provider's definition, exactly as the package default-exports it. */
  readonly definition: BackupProviderDefinition;
  /** Prepares the environment before the suite (start a simulator, say). */
  readonly setup?: () => Promise<ProviderContractEnvironment> | ProviderContractEnvironment;
  /** How long one step may take; 30 s by default. */
  readonly timeoutMs?: number;
}

/**
 * The value every secure key the environment leaves unset gets, searched for in the logs at the
 * end. A provider whose backend needs the real secret (a simulator's password, say) configures the
 * backend with this value, so the check covers the secret it really sends.
 * @public
 * @since 1.1.0
 */
export const CONTRACT_SECRET_MARKER = 'csbr-contract-secret-9f1c27d4';
const SECRET_MARKER = CONTRACT_SECRET_MARKER;
/** How long a provider may take to give up after its call is aborted. */
const ABORT_GRACE_MS = 5000;

interface SuiteState {
  environment: ProviderContractEnvironment;
  context: FakeProviderContext;
  provider: BackupProvider;
  capabilities: ProviderCapabilities;
  zone: Zone;
  vms: readonly [VirtualMachine, VirtualMachine];
  policyExternalId: string;
  backup?: Backup;
}

/**
 * The contract every backup provider must honour, as a test suite a provider package runs inside
 * its own tests (jest, or a runner with the same globals). It creates the provider through its
 * definition with a {@link createFakeProviderContext} context, then walks the contract in order:
 * the definition and its keys, the catalogue, assigning two VMs, a backup, the restore-point
 * listing, metrics, restores, deletion and removal, each gated by the provider's capability flags
 * (an operation a flag refuses must throw `NOT_SUPPORTED`), cancellation through the abort signal,
 * and secrets kept out of the logs.
 *
 * @example
 * ```ts
 * import { describeBackupProviderContract } from '@csbr/framework/testing';
 * import acmeProvider from '../src';
 *
 * describeBackupProviderContract({ definition: acmeProvider });
 * ```
 * @public
 * @since 1.1.0
 */
export function describeBackupProviderContract(options: ProviderContractOptions): void {
  const { describe, it, beforeAll, afterAll } = testRunnerGlobals();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { definition } = options;
  let suite: SuiteState | undefined;
  const state = (): SuiteState => {
    if (suite === undefined) throw new Error('The provider could not be set up; see the first failure');
    return suite;
  };
  const step = (name: string, test: (s: SuiteState) => Promise<void>): void =>
    it(name, () => test(state()), timeoutMs);

  describe(`backup provider contract: ${String(definition.name)}`, () => {
    beforeAll(async () => {
      const environment = (await options.setup?.()) ?? {};
      const context = createFakeProviderContext({
        definition,
        values: withSecretMarkers(definition, environment.values),
      });
      const provider = await definition.create(context);
      suite = {
        environment,
        context,
        provider,
        capabilities: resolveProviderCapabilities(provider),
        zone: environment.zone ?? CONTRACT_ZONE,
        vms: environment.vms ?? [contractVm(1), contractVm(2)],
        policyExternalId: environment.policyExternalId ?? '',
      };
    }, timeoutMs);

    afterAll(async () => {
      await suite?.provider.dispose?.();
      await suite?.environment.teardown?.();
    }, timeoutMs);

    it('is a valid, branded definition whose keys are named after the provider and parse as declared', () => {
      assert.equal(isBackupProviderDefinition(definition), true, 'the default export must come from defineBackupProvider');
      assert.deepEqual(validateProviderDefinition(definition), []);
      return Promise.resolve();
    });

    step('implements every required operation, and declares no capability it lacks the method for', async (s) => {
      for (const method of REQUIRED_METHODS) {
        assert.equal(typeof s.provider[method], 'function', `${method} is missing`);
      }
      const declared = s.provider.capabilities ?? {};
      if (declared.createVmFromBackup === true) {
        assert.equal(typeof s.provider.createVmFromBackup, 'function', 'createVmFromBackup is declared but missing');
      }
      if (declared.listRestorePoints === true) {
        assert.equal(typeof s.provider.listRestorePoints, 'function', 'listRestorePoints is declared but missing');
      }
      // A boolean, or (since contract 1.1) a promise of one.
      assert.equal(typeof (await s.provider.willDeleteBackupsOnPolicyRemoval(s.zone)), 'boolean');
    });

    step('lists its catalogue the same way twice, and knows its own policies', async (s) => {
      const first = await s.provider.listPolicies(s.zone, callOptions());
      const second = await s.provider.listPolicies(s.zone, callOptions());
      assert.ok(first.length > 0, 'listPolicies returned no policy to import');
      for (const policy of first) {
        for (const field of ['externalId', 'name', 'description'] as const) {
          assert.equal(typeof policy[field], 'string', `policy.${field} must be a string`);
        }
        assert.notEqual(policy.externalId, '');
        assert.equal(await s.provider.isValidPolicy(s.zone, policy.externalId, callOptions()), true);
      }
      assert.deepEqual(
        second.map((policy) => policy.externalId),
        first.map((policy) => policy.externalId),
      );
      // An id it never listed is answered, not thrown at. Refusing it is not required: CloudStack's own
      // dummy accepts any external id for import.
      const unknown = await s.provider.isValidPolicy(s.zone, `csbr-contract-unknown-${Date.now()}`, callOptions());
      assert.equal(typeof unknown, 'boolean', 'isValidPolicy must answer true or false for an id it never listed');
      if (s.policyExternalId === '') s.policyExternalId = first[0]?.externalId ?? '';
    });

    step('assigns two VMs to a policy', async (s) => {
      const assigned: VirtualMachine[] = [];
      for (const vm of s.vms) {
        const result = await s.provider.assignVm({ zone: s.zone, vm, policy: contractPolicy(s.policyExternalId, s.zone), ...callOptions() });
        assert.ok(result.externalId === undefined || typeof result.externalId === 'string');
        // As the host does: later calls see the id as the VM's backup_external_id.
        assigned.push(result.externalId === undefined ? vm : { ...vm, backupExternalId: result.externalId });
      }
      s.vms = [assigned[0]!, assigned[1]!];
    });

    step('takes an ad-hoc backup, or refuses with NOT_SUPPORTED when it declares it cannot', async (s) => {
      const vm = s.vms[0];
      const taking = s.provider.takeBackup({ zone: s.zone, vm, ...callOptions() });
      if (!s.capabilities.adHocBackup) {
        await expectNotSupported(taking);
        return;
      }
      const point = await taking;
      if (point === undefined) {
        assert.ok(s.capabilities.listRestorePoints, 'takeBackup may return undefined only with listRestorePoints');
        const listed = await waitForPoints(s, vm, (points) => points.length > 0, timeoutMs);
        s.backup = backupOf(s, vm, listed[listed.length - 1]!);
        return;
      }
      assertRestorePoint(point);
      s.backup = backupOf(s, vm, point);
    });

    step('lists the restore points it holds, the same way twice, when it can', async (s) => {
      if (!s.capabilities.listRestorePoints || s.backup === undefined) return;
      const backup = s.backup;
      const first = await waitForPoints(s, s.vms[0], (points) => points.some((p) => p.externalId === backup.externalId), timeoutMs);
      first.forEach(assertRestorePoint);
      const second = await s.provider.listRestorePoints!({ zone: s.zone, vm: s.vms[0], ...callOptions() });
      assert.deepEqual(ids(second), ids(first));
    });

    step('reports backup sizes only for the VMs it was asked about', async (s) => {
      const metrics = await s.provider.getMetrics(s.zone, s.vms, callOptions());
      const asked = new Set(s.vms.map((vm) => vm.uuid));
      for (const [uuid, metric] of metrics) {
        assert.ok(asked.has(uuid), `getMetrics answered for VM ${uuid}, which it was not asked about`);
        assert.ok(metric.backupSize >= 0 && metric.dataSize >= 0);
      }
    });

    step('restores the VM, or refuses with NOT_SUPPORTED', async (s) => {
      if (s.backup === undefined) return;
      const restoring = s.provider.restoreVm({ zone: s.zone, vm: s.vms[0], backup: s.backup, ...callOptions() });
      if (s.capabilities.restoreVm) await restoring;
      else await expectNotSupported(restoring);
    });

    step('restores one volume to a place it names, or refuses with NOT_SUPPORTED', async (s) => {
      if (s.backup === undefined) return;
      const volume = s.backup.volumes[0] ?? { uuid: 'contract-volume', type: 'ROOT' as const, size: 1024 };
      const restoring = s.provider.restoreVolume({
        zone: s.zone,
        vm: s.vms[0],
        backup: s.backup,
        volume,
        targetVm: s.vms[1],
        hostIp: s.vms[1].hostIp ?? '',
        datastoreUuid: 'contract-datastore',
        ...callOptions(),
      });
      if (!s.capabilities.restoreVolume) {
        await expectNotSupported(restoring);
        return;
      }
      const result = await restoring;
      assert.equal(typeof result.restoredLocation, 'string');
      assert.notEqual(result.restoredLocation, '');
    });

    step('creates a VM from the backup when it declares it can', async (s) => {
      if (s.backup === undefined || !s.capabilities.createVmFromBackup) return;
      await s.provider.createVmFromBackup!({
        zone: s.zone,
        vm: s.vms[0],
        backup: s.backup,
        targetVm: { ...s.vms[1], uuid: `${s.vms[1].uuid.slice(0, -4)}ffff`, name: 'contract-restored' },
        hostIp: '',
        datastoreUuid: '',
        ...callOptions(),
      });
    });

    step('gives up an operation whose call is aborted, instead of running on', async (s) => {
      const controller = new AbortController();
      const reason = new BackupError('OPERATION_FAILED', 'aborted by the contract suite');
      controller.abort(reason);
      // A provider that throws at once instead of rejecting is tolerated here, as the host does.
      const call = Promise.resolve().then((): Promise<unknown> =>
        s.capabilities.adHocBackup
          ? s.provider.takeBackup({ zone: s.zone, vm: s.vms[1], signal: controller.signal, deadline: deadlineIn(timeoutMs) })
          : s.provider.listPolicies(s.zone, { signal: controller.signal, deadline: deadlineIn(timeoutMs) }),
      );
      const settled = await settleWithin(call, ABORT_GRACE_MS);
      assert.equal(settled, 'rejected', 'a call made with an aborted signal must reject');
    });

    step('deletes the backup (forced, the only way a chain-only provider is called)', async (s) => {
      if (s.backup === undefined) return;
      const backup = s.backup;
      await s.provider.deleteBackup({ zone: s.zone, vm: s.vms[0], backup, forced: true, ...callOptions() });
      if (s.capabilities.listRestorePoints) {
        await waitForPoints(s, s.vms[0], (points) => !points.some((p) => p.externalId === backup.externalId), timeoutMs);
      }
    });

    step('removes the VMs from their policy', async (s) => {
      for (const vm of s.vms) await s.provider.removeVm({ zone: s.zone, vm, ...callOptions() });
    });

    step('never logs the value of a secure configuration key', async (s) => {
      const logged = JSON.stringify(s.context.logger.entries);
      assert.equal(logged.includes(SECRET_MARKER), false, 'a secure configuration value appears in the logs');
      await Promise.resolve();
    });
  });
}

const REQUIRED_METHODS = [
  'listPolicies',
  'isValidPolicy',
  'assignVm',
  'removeVm',
  'willDeleteBackupsOnPolicyRemoval',
  'takeBackup',
  'deleteBackup',
  'restoreVm',
  'restoreVolume',
  'getMetrics',
] as const;

/** Secure keys the environment leaves unset get a marker value, searched for in the logs later. */
function withSecretMarkers(
  definition: BackupProviderDefinition,
  values: FakeProviderContextOptions['values'],
): FakeProviderContextOptions['values'] {
  const global = { ...(values?.global ?? {}) };
  for (const key of definition.configKeys) {
    if (key.secure === true && global[key.name] === undefined) global[key.name] = SECRET_MARKER;
  }
  return { ...values, global };
}

function callOptions(): ProviderCallOptions {
  return { signal: new AbortController().signal, deadline: deadlineIn(60_000), progress: { report: () => undefined } };
}

function deadlineIn(ms: number): Date {
  return new Date(Date.now() + ms);
}

function ids(points: readonly RestorePoint[]): string[] {
  return points.map((point) => point.externalId).sort();
}

function assertRestorePoint(point: RestorePoint): void {
  assert.equal(typeof point.externalId, 'string');
  assert.notEqual(point.externalId, '');
  assert.ok(point.created instanceof Date && !Number.isNaN(point.created.getTime()), 'created must be a valid Date');
  assert.equal(typeof point.type, 'string');
}

function backupOf(s: SuiteState, vm: VirtualMachine, point: RestorePoint): Backup {
  return {
    id: '1',
    uuid: '0e4d3c2b-1a09-4f8e-8d7c-000000000001',
    vmId: vm.id,
    name: defaultBackupName(vm.name, point.created),
    externalId: point.externalId,
    type: point.type,
    date: point.created,
    size: point.size ?? 0,
    protectedSize: point.protectedSize ?? 0,
    status: 'BackedUp',
    policyId: '1',
    accountId: vm.accountId,
    domainId: vm.domainId,
    zoneId: s.zone.id,
    volumes: vm.backupVolumes ?? [],
  };
}

async function expectNotSupported(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  assert.ok(isBackupError(error) && error.code === 'NOT_SUPPORTED', 'a refused operation must throw BackupError NOT_SUPPORTED');
}

/** Polls the provider's restore-point listing until `done` holds (providers may record asynchronously). */
async function waitForPoints(
  s: SuiteState,
  vm: VirtualMachine,
  done: (points: readonly RestorePoint[]) => boolean,
  timeoutMs: number,
): Promise<readonly RestorePoint[]> {
  const list = s.provider.listRestorePoints?.bind(s.provider);
  assert.ok(list !== undefined, 'listRestorePoints is missing');
  const deadline = Date.now() + timeoutMs / 2;
  for (;;) {
    const points = await list({ zone: s.zone, vm, ...callOptions() });
    if (done(points)) return points;
    assert.ok(Date.now() < deadline, 'the restore-point listing did not show the expected change in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** How a promise settles within `ms`: resolved, rejected, or still pending. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<'resolved' | 'rejected' | 'pending'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  const outcome = await Promise.race([
    promise.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    pending,
  ]);
  clearTimeout(timer);
  return outcome;
}
