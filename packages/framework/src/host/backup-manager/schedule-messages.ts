/**
 * Messages of the schedule commands. Schedules came with CloudStack 4.14 (no policy era), so these
 * are CloudStack's own texts, with "offering".
 */
export const ScheduleMessages = {
  invalidIntervalType: 'Invalid interval type provided',
  withoutOffering: 'Cannot configure backup schedule for the VM without having any backup offering',
  offeringDoesNotAllow: 'The selected backup offering does not allow user-defined backup schedule',
  negativeMaxBackups: (maxBackups: number, vmName: string) =>
    `maxBackups [${maxBackups}] for instance ${vmName} should be greater than or equal to 0`,
  deleteNeedsVmOrId: 'Either instance ID or ID of backup schedule needs to be specified',
  vmHasNoSchedule: 'VM has no backup schedule defined, no need to delete anything.',
  scheduleNotFound: (id: string) => `Could not find backup schedule with ID: ${id}`,
  configureFailed: 'Error while creating backup schedule of VM',
  deleteFailed: 'Failed to delete VM backup schedule',
  runFailed: 'Failed to create VM backup',
} as const;
