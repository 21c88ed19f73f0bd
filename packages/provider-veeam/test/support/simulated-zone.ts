import {
  type BackupPolicy,
  type ProviderCallOptions,
  type VirtualMachine,
  type Zone,
} from '@csbr/framework';
import { createFakeProviderContext, type FakeProviderContext } from '@csbr/framework/testing';
import {
  type Personality,
  startVeeamSimulator,
  type VeeamSimulator,
  type VeeamSimulatorOptions,
} from '@csbr/veeam-simulator';

import { veeamProvider, type VeeamBackupProvider } from '../../src';

export const PERSONALITIES: readonly Personality[] = ['12', '13'];

export const ZONE: Zone = { id: '1', uuid: '3f1d5c9e-7a2b-4c8d-9e0f-000000000001', name: 'zone1' };

/** A Veeam provider for one zone, talking to a simulator over a real TLS socket. */
export interface SimulatedZone {
  readonly simulator: VeeamSimulator;
  readonly context: FakeProviderContext;
  readonly provider: VeeamBackupProvider;
  readonly zone: Zone;
  /** Adds a VM to vCenter and returns it as CloudStack would hand it over. */
  addVm(index: number, overrides?: Partial<VirtualMachine>): VirtualMachine;
  /** Imports a template job by name as a CloudStack policy. */
  policy(templateName: string): BackupPolicy;
  close(): Promise<void>;
}

/** Quick polls, the simulator's CA trusted through the zone key, TLS verification on. */
export function zoneValues(simulator: VeeamSimulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'backup.plugin.veeam.url': `${simulator.url}/`,
    'backup.plugin.veeam.password': simulator.users[0]!.password,
    'backup.plugin.veeam.ca.certificate': simulator.caCertificate,
    'backup.plugin.veeam.task.poll.interval': '0.05',
    'backup.plugin.veeam.restore.host': 'esx02.sim.local',
    'backup.plugin.veeam.restore.datastore': 'datastore2',
    ...overrides,
  };
}

export async function startSimulatedZone(
  personality: Personality,
  options: { simulator?: VeeamSimulatorOptions; values?: Record<string, string> } = {},
): Promise<SimulatedZone> {
  const simulator = await startVeeamSimulator({ personality, port: 0, seed: 'demo', ...options.simulator });
  const context = createFakeProviderContext({
    definition: veeamProvider,
    values: { zones: { [ZONE.id]: zoneValues(simulator, options.values) } },
  });
  const provider = (await veeamProvider.create(context)) as VeeamBackupProvider;
  return {
    simulator,
    context,
    provider,
    zone: ZONE,
    addVm: (index, overrides = {}) => {
      const vm = cloudStackVm(index, overrides);
      simulator.controls.addVm({ name: vm.instanceName, diskSizesGb: [20, 10] });
      return vm;
    },
    policy: (templateName) => {
      const job = simulator.controls.getJob(templateName);
      if (job === undefined) throw new Error(`no job ${templateName}`);
      return {
        id: '1',
        uuid: '9c1e4b2a-5d6f-4a7b-8c9d-000000000001',
        name: templateName,
        description: job.description,
        externalId: job.id,
        zoneId: ZONE.id,
        created: new Date(),
      };
    },
    close: async () => {
      await provider.dispose();
      await simulator.close();
    },
  };
}

/** A CloudStack VM of the zone; its instance name is its name in vCenter. */
export function cloudStackVm(index: number, overrides: Partial<VirtualMachine> = {}): VirtualMachine {
  const id = String(10 + index);
  return {
    id,
    uuid: `6b2c8d4e-1f3a-4b5c-9d7e-${String(index).padStart(12, '0')}`,
    name: `vm-${index}`,
    instanceName: `i-2-${id}-VM`,
    state: 'Stopped',
    zoneId: ZONE.id,
    accountId: '2',
    domainId: '1',
    hypervisorType: 'VMware',
    hostIp: 'esx01.sim.local',
    backupVolumes: [{ uuid: `8e3f${String(index).padStart(4, '0')}-0000-4000-8000-000000000001`, type: 'ROOT', size: 20 * 1024 ** 3 }],
    ...overrides,
  };
}

/** What the host passes every call: a signal, a deadline a minute away, a progress sink. */
export function callOptions(overrides: Partial<ProviderCallOptions> & { percents?: number[] } = {}): ProviderCallOptions {
  const { percents, ...rest } = overrides;
  return {
    signal: new AbortController().signal,
    deadline: new Date(Date.now() + 60_000),
    progress: { report: (percent) => percents?.push(percent) },
    ...rest,
  };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

export function counts(simulator: VeeamSimulator, operation: string): number {
  return simulator.controls.requestCounts()[operation]?.total ?? 0;
}
