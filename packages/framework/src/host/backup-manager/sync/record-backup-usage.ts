import { type Metric, type VirtualMachine } from '../../../domain/types';
import { type EventPublisher, type UsageEvent } from '../../ports';
import { backupUsageResourceName } from '../resource-names';

/**
 * Publishes the VM's `BACKUP.USAGE.METRIC` usage event (spec §7.1), which the usage server reads
 * to bill the VM's backup sizes under its policy.
 */
export function recordBackupUsage(
  events: EventPublisher,
  vm: VirtualMachine,
  policyId: string,
  metric: Metric,
): Promise<void> {
  return events.usage(backupUsageEvent(vm, policyId, metric));
}

/** The VM's `BACKUP.USAGE.METRIC` event. */
export function backupUsageEvent(vm: VirtualMachine, policyId: string, metric: Metric): UsageEvent {
  return {
    type: 'BACKUP.USAGE.METRIC',
    accountId: vm.accountId,
    zoneId: vm.zoneId,
    resourceId: vm.id,
    resourceName: backupUsageResourceName(vm),
    offeringId: policyId,
    size: metric.backupSize,
    virtualSize: metric.dataSize,
    resourceType: 'Backup',
  };
}
