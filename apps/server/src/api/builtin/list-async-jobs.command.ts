import { defineCommand, type AnyCommandDefinition } from '../command-definition';
import { accountScopeParams, listParams } from '../common-params';
import { type AsyncJobService } from '../ports/async-job-service';
import { type AccountScopeResolver } from '../scope/account-scope-resolver';
import { ASYNC_JOB_RESPONSE_FIELDS, asyncJobResponse } from './async-job-response';

/** `listAsyncJobs`: an account-scoped list of jobs under `asyncjobs` (protocol doc §6.4). */
export function listAsyncJobsCommand(jobs: AsyncJobService, scopes: AccountScopeResolver): AnyCommandDefinition {
  return defineCommand({
    name: 'listAsyncJobs',
    description: 'Lists all pending asynchronous jobs for the account.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    className: 'org.apache.cloudstack.api.command.user.job.ListAsyncJobsCmd',
    params: [
      ...accountScopeParams(),
      ...listParams(),
      {
        name: 'startdate',
        type: 'tzdate',
        description: "The start date of the async job (use format \"yyyy-MM-dd'T'HH:mm:ss'+'SSSS\")",
      },
    ],
    response: { objectName: 'asyncjobs', fields: ASYNC_JOB_RESPONSE_FIELDS },
    handler: async (context) => {
      const scope = await scopes.resolve(context);
      const page = await jobs.list(
        { scope, keyword: context.params.keyword, startDate: context.params.startdate },
        context.paging,
      );
      return { kind: 'list', objectName: 'asyncjobs', items: page.items.map(asyncJobResponse), total: page.total };
    },
  });
}
