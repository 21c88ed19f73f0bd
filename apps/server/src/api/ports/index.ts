export { NoopActionEventWriter, type ActionEventWriter, type CommandActionEvent } from './action-event-writer';
export { type AccountDirectory, type DomainRecord } from './account-directory';
export {
  DEFAULT_API_SETTINGS,
  DEFAULT_REQUEST_LIMITS,
  type ApiSettings,
  type RequestLimits,
  type SessionKeyCheck,
} from './api-settings';
export {
  ACCOUNT_DIRECTORY,
  ACTION_EVENT_WRITER,
  API_CLOCK,
  API_SETTINGS,
  API_USER_STORE,
  ASYNC_JOB_SERVICE,
  SESSION_STORE,
  UUID_RESOLVER,
} from './api-tokens';
export { type ApiKeyOwner, type ApiUserStore, type LoginCredentials, type LoginResult } from './api-user-store';
export {
  type AsyncJobControls,
  type AsyncJobHandler,
  type AsyncJobOutcome,
  type AsyncJobQuery,
  type AsyncJobRecord,
  type AsyncJobService,
  type AsyncJobStatus,
  type AsyncJobSubmission,
  type RecordedJob,
} from './async-job-service';
export { InMemoryAsyncJobService } from './in-memory-async-job-service';
export { InMemorySessionStore } from './in-memory-session-store';
export { type ApiSession, type SessionStore } from './session-store';
export { SystemClock } from '../../clock/system-clock';
export { type UuidResolver } from './uuid-resolver';
export { NoSignatureReplayGuard, type SignatureReplayGuard } from './signature-replay-guard';
