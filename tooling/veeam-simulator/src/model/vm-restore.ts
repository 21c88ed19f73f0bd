import { type RestorePointRecord } from './backups';
import { NIL_GUID } from './ids';
import { type InfraObject } from './inventory';
import { SessionFailure, type SessionRecord } from './sessions';
import { type SimulatorState } from './simulator-state';

/** A validated entire-VM restore request. */
export type RestorePlan =
  | {
      readonly kind: 'OriginalLocation';
      readonly point: RestorePointRecord;
      readonly powerUp: boolean;
      /** Undefined before 1.3-rev1, which has no such flag: an existing VM is then replaced. */
      readonly overwrite: boolean | undefined;
    }
  | {
      readonly kind: 'Customized';
      readonly point: RestorePointRecord;
      readonly powerUp: boolean;
      readonly host: InfraObject;
      readonly datastore: InfraObject;
      readonly folder: InfraObject | undefined;
      readonly vmName: string;
    };

/**
 * A RestoreVm session. Original location replaces the VM in place (same moref) or, when it is
 * gone, registers it again with a new moref; customized creates a new VM on the given host and
 * datastore. The inventory changes when the session ends.
 */
export function restoreVm(
  state: SimulatorState,
  plan: RestorePlan,
  initiatedBy: string,
): SessionRecord {
  const { chain } = plan.point;
  const pointId = state.backups.pointId(plan.point);
  const target =
    plan.kind === 'OriginalLocation'
      ? `${chain.vmName} to its original location`
      : `${chain.vmName} to host ${plan.host.name}, datastore ${plan.datastore.name} as ${plan.vmName}`;
  return state.sessions.start({
    name: `Restore ${chain.vmName}`,
    jobId: NIL_GUID,
    type: 'RestoreVm',
    initiatedBy,
    resourceId: pointId,
    resourceReference: `/api/v1/restorePoints/${pointId}`,
    tasks: [{ name: chain.vmName, type: 'Restore' }],
    startTitle: `Restoring ${target}`,
    work: {
      complete: (session) => {
        if (plan.kind === 'OriginalLocation') restoreInPlace(state, plan, session);
        else restoreElsewhere(state, plan, session);
      },
    },
  });
}

function restoreInPlace(
  state: SimulatorState,
  plan: Extract<RestorePlan, { kind: 'OriginalLocation' }>,
  session: SessionRecord,
): void {
  const { chain } = plan.point;
  const existing = state.inventory.getVm(chain.vmObjectId);
  const powerState = plan.powerUp ? 'PoweredOn' : 'PoweredOff';
  if (existing !== undefined) {
    if (plan.overwrite === false) {
      throw new SessionFailure(
        `VM ${existing.name} (${existing.objectId}) already exists in the original location; set overwrite to replace it`,
      );
    }
    existing.restoredInPlace++;
    existing.powerState = powerState;
    state.sessions.log(
      session,
      'Succeeded',
      `Restored ${existing.name} in place (${existing.objectId})`,
      state.clock.now(),
    );
    return;
  }
  const recreated = state.inventory.addVm(chain.vcenter, {
    name: chain.vmName,
    powerState,
    diskSizesGb: chain.disks.map((disk) => disk.capacityBytes / 1024 ** 3),
  });
  state.sessions.log(
    session,
    'Succeeded',
    `Registered ${recreated.name} again as ${recreated.objectId} (the original VM was gone)`,
    state.clock.now(),
  );
}

function restoreElsewhere(
  state: SimulatorState,
  plan: Extract<RestorePlan, { kind: 'Customized' }>,
  session: SessionRecord,
): void {
  const clash = state.inventory.findVmByName(plan.vmName);
  if (clash !== undefined) {
    throw new SessionFailure(`A VM named ${plan.vmName} already exists (${clash.objectId})`);
  }
  const vm = state.inventory.addVm(plan.point.chain.vcenter, {
    name: plan.vmName,
    hostObjectId: plan.host.objectId,
    datastoreObjectId: plan.datastore.objectId,
    powerState: plan.powerUp ? 'PoweredOn' : 'PoweredOff',
    diskSizesGb: plan.point.chain.disks.map((disk) => disk.capacityBytes / 1024 ** 3),
  });
  if (plan.folder) vm.folderObjectId = plan.folder.objectId;
  state.sessions.log(
    session,
    'Succeeded',
    `Created ${vm.name} (${vm.objectId}) on ${plan.host.name}, datastore ${plan.datastore.name}`,
    state.clock.now(),
  );
}
