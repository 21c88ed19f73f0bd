import { type AnyCommandDefinition, defineCommand } from '../api/command-definition';
import { listResult } from '../api/command-results';
import { accountScopeParams, listParams } from '../api/common-params';
import { type AccountScopeResolver } from '../api/scope/account-scope-resolver';
import { EVENT_RESPONSE, toEventResponse } from './event-view';
import { type EventsService } from './events.service';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LAST_SECOND_OF_DAY_MS = (24 * 60 * 60 - 1) * 1000;

/** `listEvents`. */
export function eventCommands(events: EventsService, scopes: AccountScopeResolver): AnyCommandDefinition[] {
  const listEvents = defineCommand({
    name: 'listEvents',
    description: 'A command to list events, newest first.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    params: [
      ...listParams(),
      ...accountScopeParams(),
      { name: 'id', type: 'uuid', description: 'the ID of the event' },
      { name: 'type', type: 'string', description: 'the event type (see event types)' },
      { name: 'level', type: 'string', description: 'the event level (INFO, WARN, ERROR)' },
      {
        name: 'startdate',
        type: 'date',
        description: 'the start date range of the events you want to list (use format "yyyy-MM-dd" or the new format "yyyy-MM-dd HH:mm:ss")',
      },
      {
        name: 'enddate',
        type: 'date',
        description: 'the end date range of the events you want to list (use format "yyyy-MM-dd" or the new format "yyyy-MM-dd HH:mm:ss")',
      },
    ],
    response: EVENT_RESPONSE,
    handler: async (context) => {
      const { params, rawParams, paging } = context;
      const page = await events.list(
        {
          uuid: params.id,
          type: params.type,
          level: params.level,
          keyword: params.keyword,
          startDate: params.startdate,
          endDate: endOfDayWhenDateOnly(params.enddate, rawParams.enddate),
          scope: await scopes.resolve(context),
        },
        paging,
      );
      return listResult('event', { items: page.items.map(toEventResponse), total: page.total });
    },
  });
  return [listEvents];
}

/** CloudStack reads an `enddate` without a time as the last second of that day (`ParamProcessWorker`). */
function endOfDayWhenDateOnly(endDate: Date | undefined, raw: string | undefined): Date | undefined {
  if (endDate === undefined || raw === undefined || !DATE_ONLY.test(raw.trim())) return endDate;
  return new Date(endDate.getTime() + LAST_SECOND_OF_DAY_MS);
}
