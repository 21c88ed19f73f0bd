import { type RestorePoint } from '../../../domain/types';
import { type BackupOperation } from '../../ports';
import { type ManagerContext } from '../manager-context';
import { requireId } from './operation-payload';

/** What a provider reports of one VM, next to what the VM's backup rows already record. */
export interface ListedRestorePoints {
  readonly points: readonly RestorePoint[];
  /** External ids of the VM's active backup rows. */
  readonly recorded: ReadonlySet<string>;
}

/**
 * The restore points the zone's provider holds for the operation's VM, for recovery. Undefined when
 * the provider cannot list them (no `listRestorePoints`, the zone gone or disabled, or the call
 * failed): recovery then cannot tell what happened.
 */
export async function listVmRestorePoints(
  context: ManagerContext,
  operation: BackupOperation,
): Promise<ListedRestorePoints | undefined> {
  const vm = await context.repositories.vms.findById(requireId(operation.vmIds[0], 'VM', operation), {
    includeRemoved: true,
  });
  if (vm === undefined) return undefined;
  const zone = await context.repositories.zones.findById(vm.zoneId);
  if (zone === undefined) return undefined;
  const provider = await context.zones.findProvider(zone);
  const list = provider?.instance.listRestorePoints?.bind(provider.instance);
  if (provider === undefined || list === undefined || !provider.capabilities.listRestorePoints) {
    return undefined;
  }
  try {
    const budget = await context.providerCalls.budget('restorepoints', zone);
    const points = await context.providerCalls.run(provider, budget, {}, (options) =>
      list({ zone, vm, ...options }),
    );
    const rows = await context.repositories.backups.listActiveByVm(vm.id);
    return { points, recorded: new Set(rows.map((row) => row.externalId)) };
  } catch (error) {
    context.logger.warn('Recovery could not list the restore points of a VM', {
      operation: operation.uuid,
      vm: vm.uuid,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
