import { randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { type ActionEventWriter, type CommandActionEvent } from '../api/ports/action-event-writer';
import { EventEntity } from '../database/entities';
import { insertRow } from '../persistence/insert-row';
import { runSingleStatement } from '../persistence/run-single-statement';
import { SystemClock } from '../clock/system-clock';

/** `event.description` is varchar(1024). */
const DESCRIPTION_LENGTH = 1024;

type EventState = 'Started' | 'Completed';
type EventLevel = 'INFO' | 'ERROR';

/**
 * CloudStack's action events (`event` rows) around state-changing commands, worded as CloudStack's
 * `ActionEventInterceptor` does:
 * - an async job's start: `Started`, INFO, `Starting job for <description>` (sync commands have no
 *   Started row, as in CloudStack);
 * - success: `Completed`, INFO, `Successfully completed <description>`;
 * - failure: `Completed`, ERROR, `Error while <description>: <error text>`.
 * A job's Completed row points at its Started row (`start_id`). Rows name the caller's user,
 * account and domain, and the resource the command acts on when it is known. Writing never fails the command: errors are logged and dropped.
 */
export class DbActionEventWriter implements ActionEventWriter {
  private readonly logger = new Logger(DbActionEventWriter.name);
  private readonly clock: Clock;
  /** Id of each running job's Started row, by job uuid; removed when the job completes. */
  private readonly startIds = new Map<string, string>();

  constructor(private readonly dataSource: DataSource, clock?: Clock) {
    this.clock = clock ?? new SystemClock();
  }

  async started(event: CommandActionEvent): Promise<void> {
    if (event.jobId === undefined) return;
    const id = await this.write(
      event,
      'Started',
      'INFO',
      `Starting job for ${event.description}`,
      '0',
    );
    if (id !== undefined) this.startIds.set(event.jobId, id);
  }

  async completed(event: CommandActionEvent): Promise<void> {
    await this.write(
      event,
      'Completed',
      'INFO',
      `Successfully completed ${event.description}`,
      this.takeStartId(event),
    );
  }

  async failed(event: CommandActionEvent & { readonly errorText: string }): Promise<void> {
    await this.write(
      event,
      'Completed',
      'ERROR',
      `Error while ${event.description}: ${event.errorText}`,
      this.takeStartId(event),
    );
  }

  private takeStartId(event: CommandActionEvent): string {
    if (event.jobId === undefined) return '0';
    const startId = this.startIds.get(event.jobId);
    this.startIds.delete(event.jobId);
    return startId ?? '0';
  }

  /** The new row's id, or undefined when it could not be written (logged). */
  private async write(
    event: CommandActionEvent,
    state: EventState,
    level: EventLevel,
    description: string,
    startId: string,
  ): Promise<string | undefined> {
    try {
      return await runSingleStatement(this.dataSource, (manager) =>
        insertRow(manager, EventEntity, {
          uuid: randomUUID(),
          type: event.type,
          state,
          description: truncate(description, DESCRIPTION_LENGTH),
          userId: event.caller.userId,
          accountId: event.caller.accountId,
          domainId: event.caller.domainId,
          resourceId: event.resource?.id ?? null,
          resourceType: event.resource?.type ?? null,
          created: this.clock.now(),
          level,
          startId,
          parameters: null,
          archived: false,
          display: true,
        }),
      );
    } catch (error: unknown) {
      this.logger.warn(
        `Could not record the ${state} ${event.type} event of ${event.command}${
          event.jobId === undefined ? '' : ` (job ${event.jobId})`
        }: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
