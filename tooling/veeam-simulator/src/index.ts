export { startVeeamSimulator, type VeeamSimulator } from './veeam-simulator';
export { DEFAULT_USER, type VeeamSimulatorOptions } from './options';
export {
  SimulatorControls,
  type StateSummary,
  type SessionFilter,
  type RestorePointFilter,
} from './controls/simulator-controls';
export { CONTROL_PREFIX } from './controls/control-api';
export { type FaultSpec, type ArmedFault } from './controls/faults';
export { type RequestLogEntry, type OperationCount } from './controls/request-log';
export {
  type VmView,
  type JobView,
  type SessionView,
  type BackupView,
  type RestorePointView,
} from './controls/views';
export {
  REVISIONS,
  personalityProfile,
  type Personality,
  type Revision,
  type PersonalityProfile,
} from './personality';
export {
  DEFAULT_VCENTER,
  type SeedPreset,
  type SeedSpec,
  type ScaleSeed,
  type SeedSummary,
} from './model/seed';
export {
  DEFAULT_SESSION_TIMING,
  type SessionTiming,
  type SessionFaultSpec,
  type SessionType,
  type SessionState,
} from './model/sessions';
export { ROLES, type Role, type SimulatorUser } from './model/tokens';
export { type NewVm } from './model/inventory';
export { API_ROUTES, OPERATIONS } from './routes';
