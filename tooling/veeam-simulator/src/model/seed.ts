import { defaultJobSettings, type JobRecord } from './jobs';
import { type VmRecord } from './inventory';
import { type SimulatorState } from './simulator-state';

/** `empty`: a vCenter with hosts and datastores, no VM. `demo`: VMs, two template jobs, one job with points. */
export type SeedPreset = 'empty' | 'demo';

/** Generated protected VMs: one VM, one job, one backup and `restorePointsPerVm` points each. */
export interface ScaleSeed {
  vms: number;
  restorePointsPerVm: number;
  /** `{n}` becomes the zero-padded VM number. Default `scale-vm-{n}`. */
  vmNamePattern?: string;
  /** `{vm}` becomes the VM name, `{n}` its number. Default `{vm}-backup`. */
  jobNamePattern?: string;
  /** Time between a VM's points, default one day; the newest point is one interval old. */
  pointIntervalMs?: number;
}

export interface SeedSpec {
  preset?: SeedPreset;
  scale?: ScaleSeed;
}

export interface SeedSummary {
  vcenter: string;
  vms: number;
  jobs: number;
  backups: number;
  restorePoints: number;
  durationMs: number;
}

export const DEFAULT_VCENTER = 'vcenter.sim.local';
const DAY_MS = 86_400_000;

/** Builds the vCenter once: datacenter, cluster, two hosts, two datastores, folder, pool, network. */
function ensureInfrastructure(state: SimulatorState, vcenter: string): void {
  const { inventory } = state;
  if (inventory.findVCenter(vcenter)) return;
  inventory.addVCenter(vcenter);
  inventory.addInfra(vcenter, 'Datacenter', 'DC1', vcenter);
  inventory.addInfra(vcenter, 'Cluster', 'Cluster1', 'DC1');
  inventory.addInfra(vcenter, 'Host', 'esx01.sim.local', 'Cluster1');
  inventory.addInfra(vcenter, 'Host', 'esx02.sim.local', 'Cluster1');
  inventory.addInfra(vcenter, 'Datastore', 'datastore1', 'DC1');
  inventory.addInfra(vcenter, 'Datastore', 'datastore2', 'DC1');
  inventory.addInfra(vcenter, 'Folder', 'VMs', 'DC1');
  inventory.addInfra(vcenter, 'ResourcePool', 'Resources', 'Cluster1');
  inventory.addInfra(vcenter, 'Network', 'VM Network', 'DC1');
}

function includeOf(vm: VmRecord): JobRecord['includes'][number] {
  return {
    type: 'VirtualMachine',
    hostName: vm.vcenter,
    name: vm.name,
    objectId: vm.objectId,
    urn: `VirtualMachine:${vm.objectId}`,
  };
}

function newJob(
  state: SimulatorState,
  name: string,
  vms: readonly VmRecord[],
  settings: ReturnType<typeof defaultJobSettings>,
  options: { description: string; isDisabled: boolean },
): JobRecord {
  return state.jobs.add({
    id: state.ids.create('job'),
    name,
    description: options.description,
    isDisabled: options.isDisabled,
    isHighPriority: false,
    includes: vms.map(includeOf),
    ...settings,
    createdAt: state.clock.now(),
    lastResult: 'None',
  });
}

function seedDemo(state: SimulatorState, vcenter: string): void {
  const { inventory } = state;
  const [host1, host2] = inventory.infra.filter((object) => object.type === 'Host');
  const names = ['web-01', 'web-02', 'app-01', 'app-02', 'db-01', 'db-02', 'cache-01', 'build-01'];
  const vms = names.map((name, index) =>
    inventory.addVm(vcenter, {
      name,
      hostObjectId: (index % 2 === 0 ? host1 : host2)?.objectId,
      diskSizesGb: name.startsWith('db') ? [40, 100] : [40],
    }),
  );
  const placeholder = inventory.addVm(vcenter, {
    name: 'template-placeholder',
    powerState: 'PoweredOff',
    diskSizesGb: [1],
  });
  const repositoryId = state.repository.id;
  // Templates: disabled and unscheduled so they never run themselves (the doc's advice).
  newJob(state, 'Gold', [placeholder], defaultJobSettings(repositoryId, 14), {
    description: 'Gold policy: 14 restore points',
    isDisabled: true,
  });
  newJob(state, 'Silver', [placeholder], defaultJobSettings(repositoryId, 7), {
    description: 'Silver policy: 7 restore points',
    isDisabled: true,
  });
  const db = vms[4]!;
  const job = newJob(state, `${db.name}-nightly`, [db], defaultJobSettings(repositoryId, 7), {
    description: 'Nightly backup of db-01',
    isDisabled: false,
  });
  const now = state.clock.now();
  const backup = state.backups.createBackup(job.id, job.name, repositoryId, now - 3 * DAY_MS);
  const chain = state.backups.createChain(backup, db);
  for (let day = 3; day >= 1; day--) state.backups.addPoint(chain, now - day * DAY_MS, day === 3);
  job.lastRunAt = now - DAY_MS;
  job.lastResult = 'Success';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Scale mode. Memory stays small: the jobs share their settings objects, points are four-field
 * records, and files, ids and sizes are derived. Points are appended in global time order.
 */
function seedScale(state: SimulatorState, vcenter: string, scale: ScaleSeed): void {
  const { vms: count, restorePointsPerVm: perVm } = scale;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(perVm) || perVm < 0) {
    throw new RangeError('scale.vms and scale.restorePointsPerVm must be non-negative integers');
  }
  const interval = scale.pointIntervalMs ?? DAY_MS;
  const vmPattern = scale.vmNamePattern ?? 'scale-vm-{n}';
  const jobPattern = scale.jobNamePattern ?? '{vm}-backup';
  const width = Math.max(5, String(count).length);
  const settings = defaultJobSettings(state.repository.id, Math.max(perVm, 1));
  const now = state.clock.now();
  const base = now - perVm * interval;
  const spread = interval / (count + 1);
  const chains = [];
  for (let i = 0; i < count; i++) {
    const n = pad(i + 1, width);
    const vm = state.inventory.addVm(vcenter, {
      name: vmPattern.replaceAll('{n}', n),
      diskSizesGb: [40],
    });
    const jobName = jobPattern.replaceAll('{vm}', vm.name).replaceAll('{n}', n);
    const job = newJob(state, jobName, [vm], settings, {
      description: 'Generated by scale seeding',
      isDisabled: false,
    });
    const backup = state.backups.createBackup(job.id, job.name, state.repository.id, base);
    chains.push(state.backups.createChain(backup, vm));
    if (perVm > 0) {
      job.lastRunAt = base + (perVm - 1) * interval + i * spread;
      job.lastResult = 'Success';
    }
  }
  const appendsInOrder =
    (state.backups.timeline().at(-1)?.time ?? Number.NEGATIVE_INFINITY) <= base;
  for (let k = 0; k < perVm; k++) {
    for (let i = 0; i < count; i++) {
      state.backups.addPoint(
        chains[i]!,
        base + k * interval + Math.floor(i * spread),
        k === 0,
        undefined,
        true,
      );
    }
  }
  // Older than points already there (seeding on top of the demo): one sort instead of 300k inserts.
  if (!appendsInOrder) state.backups.sortTimeline();
}

/** Adds the preset and/or scale data to the current state. */
export function seed(
  state: SimulatorState,
  spec: SeedSpec,
  vcenter = DEFAULT_VCENTER,
): SeedSummary {
  const started = Date.now();
  ensureInfrastructure(state, vcenter);
  if (spec.preset === 'demo') seedDemo(state, vcenter);
  if (spec.scale) seedScale(state, vcenter, spec.scale);
  return {
    vcenter,
    vms: state.inventory.vmCount,
    jobs: state.jobs.size,
    backups: state.backups.allBackups().length,
    restorePoints: state.backups.pointCount,
    durationMs: Date.now() - started,
  };
}
