import { type AnyCommandDefinition } from '../../api/command-definition';
import { type BackupCommandDeps } from '../commands/backup-command-deps';
import { configureBackupScheduleCommand } from './configure-backup-schedule.command';
import { deleteBackupScheduleCommand } from './delete-backup-schedule.command';
import { listBackupScheduleCommand } from './list-backup-schedule.command';
import { runBackupScheduleCommand } from './run-backup-schedule.command';

/** The schedule commands of CloudStack 4.22, and the scheduler's job command. */
export function scheduleCommands(deps: BackupCommandDeps): readonly AnyCommandDefinition[] {
  return [
    configureBackupScheduleCommand(deps, 'createBackupSchedule'),
    configureBackupScheduleCommand(deps, 'updateBackupSchedule'),
    listBackupScheduleCommand(deps),
    deleteBackupScheduleCommand(deps),
    runBackupScheduleCommand(deps),
  ];
}
