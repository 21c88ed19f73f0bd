import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type Backup } from '@csbr/framework';
import { type BackupManager, type RecoveredOperation } from '@csbr/framework/host';

import { toApiError } from '../api/errors/cloudstack-error.mapper';
import { jobErrorOf } from '../api/execution/render-result';
import { type AsyncJobOutcome } from '../api/ports/async-job-service';
import { toWireObject } from '../api/serialization/wire-value';
import { DbAsyncJobService, type RecoveredJob } from '../jobs';
import { BACKUP_MANAGER } from './backup-api.tokens';
import { toBackupResponse } from './responses/backup-response';

/**
 * Settles the backup operations a dead server instance (or this instance's previous run) left in
 * flight, before its remaining jobs are failed: the manager records what the provider finished and
 * fails the rest, and each operation's job gets the outcome its command would have had.
 */
@Injectable()
export class BackupOperationRecovery implements OnModuleInit {
  constructor(
    @Inject(BACKUP_MANAGER) private readonly manager: BackupManager,
    private readonly jobs: DbAsyncJobService,
  ) {}

  onModuleInit(): void {
    this.jobs.registerRecoverer((deadMsid) => this.recover(deadMsid));
  }

  async recover(deadMsid: string): Promise<readonly RecoveredJob[]> {
    const recovered = await this.manager.recoverOperations(deadMsid);
    const jobs: RecoveredJob[] = [];
    for (const entry of recovered) {
      const jobUuid = entry.operation.jobId;
      if (jobUuid !== undefined) jobs.push({ jobUuid, outcome: await this.outcomeOf(entry) });
    }
    return jobs;
  }

  private async outcomeOf(entry: RecoveredOperation): Promise<AsyncJobOutcome> {
    if (entry.status === 'failed') {
      const error = toApiError(entry.error);
      return { status: 'failed', resultCode: error.errorCode, result: jobErrorOf(error) };
    }
    const backup = entry.operation.kind === 'CreateBackup' ? (entry.value as Backup | undefined) : undefined;
    if (backup !== undefined) {
      const view = await this.manager.listBackups(
        SYSTEM_CALLER,
        { id: backup.id, scope: { kind: 'all' } },
        { offset: 0, limit: 1 },
      );
      const item = view.items[0];
      if (item !== undefined) {
        return { status: 'succeeded', resultCode: 0, result: toWireObject({ backup: toBackupResponse(item) }) };
      }
    }
    return { status: 'succeeded', resultCode: 0, result: { success: true } };
  }
}

/** CloudStack's system account, which reads what recovery recorded. */
const SYSTEM_CALLER = {
  userId: '1',
  accountId: '1',
  accountName: 'system',
  domainId: '1',
  domainPath: '/',
  roleType: 'Admin',
} as const;
