import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandRegistry } from '../command-registry';
import { ASYNC_JOB_SERVICE } from '../ports/api-tokens';
import { type AsyncJobService } from '../ports/async-job-service';
import { AccountScopeResolver } from '../scope/account-scope-resolver';
import { listApisCommand } from './list-apis.command';
import { listAsyncJobsCommand } from './list-async-jobs.command';
import { queryAsyncJobResultCommand } from './query-async-job-result.command';

/** Registers the commands the API layer itself provides: listApis, queryAsyncJobResult, listAsyncJobs. */
@Injectable()
export class BuiltinCommands implements OnModuleInit {
  constructor(
    private readonly registry: CommandRegistry,
    @Inject(ASYNC_JOB_SERVICE) private readonly jobs: AsyncJobService,
    private readonly scopes: AccountScopeResolver,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      listApisCommand(this.registry),
      queryAsyncJobResultCommand(this.jobs),
      listAsyncJobsCommand(this.jobs, this.scopes),
    );
  }
}
