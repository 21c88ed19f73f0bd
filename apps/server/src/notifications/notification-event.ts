/**
 * What a webhook receives (the JSON body). `event` is `<kind>.<outcome>`:
 * `backup.succeeded`, `backup.failed`, `restore.succeeded`, `restore.failed`, and for the backup
 * scheduler `scheduledrun.succeeded` / `scheduledrun.failed`. Never carries a secret: the error
 * text is the one the API already showed the user.
 */
export interface NotificationEvent {
  /** The delivery's id (also `X-Csbr-Delivery`); the same on every retry, so receivers can deduplicate. */
  readonly id: string;
  readonly event: string;
  /** ISO-8601 UTC, when the outcome was recorded. */
  readonly occurredAt: string;
  /** The API command that ran (`createBackup`, `restoreBackup`, …). */
  readonly command: string;
  readonly jobId?: string;
  readonly vm?: NamedRef;
  readonly account?: NamedRef;
  readonly zone?: NamedRef;
  /** The zone's provider (`backup.framework.provider.plugin`). */
  readonly provider?: string;
  readonly backup?: { readonly id: string };
  /** Present when the operation failed: CloudStack's error code and text. */
  readonly error?: { readonly code: number; readonly text: string };
}

export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

export type NotificationKind = 'backup' | 'restore' | 'scheduledrun';

/** Commands whose outcomes are notified, and the kind each one is. */
export const NOTIFIED_COMMANDS: Readonly<Record<string, NotificationKind>> = {
  createBackup: 'backup',
  restoreBackup: 'restore',
  restoreVolumeFromBackupAndAttachToVM: 'restore',
  createVMFromBackup: 'restore',
  // The backup scheduler's job: one per due schedule, with the VM in `virtualmachineid`.
  runBackupSchedule: 'scheduledrun',
};
