import { type BackupProvider } from '@csbr/framework';

/**
 * The provider calls that failure injection and latency apply to: every asynchronous method of the
 * contract that the dummy implements (it leaves out the optional `listRestorePoints`).
 * `willDeleteBackupsOnPolicyRemoval` only reads a setting and `dispose` runs at shutdown, so neither can
 * be made to fail.
 * @public
 */
export const DUMMY_OPERATIONS = [
  'listPolicies',
  'isValidPolicy',
  'assignVm',
  'removeVm',
  'takeBackup',
  'deleteBackup',
  'restoreVm',
  'restoreVolume',
  'createVmFromBackup',
  'getMetrics',
] as const satisfies readonly (keyof BackupProvider)[];

/** One of {@link DUMMY_OPERATIONS}. @public */
export type DummyOperation = (typeof DUMMY_OPERATIONS)[number];

/** Whether `value` names a {@link DummyOperation}. @public */
export function isDummyOperation(value: string): value is DummyOperation {
  return (DUMMY_OPERATIONS as readonly string[]).includes(value);
}
