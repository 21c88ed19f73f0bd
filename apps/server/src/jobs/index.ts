export { asyncJobRecordOf } from './async-job-record-of';
export {
  DbAsyncJobService,
  type DbAsyncJobServiceOptions,
  type InstanceResolver,
} from './db-async-job-service';
export { instanceUuidOf, jobCmdInfoOf } from './job-cmd-info';
export { INTERRUPTED_JOB_OUTCOME } from './job-results';
export { type RecoveredJob, type WorkRecoverer } from './job-recovery';
export { recordedJobOf } from './recorded-job-of';
export { JobsModule } from './jobs.module';
export { MANAGEMENT_SERVER_ID } from './management-server-id';
