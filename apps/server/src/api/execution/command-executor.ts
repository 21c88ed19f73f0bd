import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Caller } from '@csbr/framework/host';
import { bindParameters } from '../binding/bind-parameters';
import { computePaging } from '../binding/compute-paging';
import {
  commandClassName,
  type AnyCommandDefinition,
  type CommandContext,
  type CommandResult,
  type CreatedEntity,
} from '../command-definition';
import { toApiError } from '../errors/cloudstack-error.mapper';
import { type ActionEventWriter, type CommandActionEvent, type EventResource } from '../ports/action-event-writer';
import { type ApiSettings } from '../ports/api-settings';
import { ACTION_EVENT_WRITER, API_SETTINGS, ASYNC_JOB_SERVICE, UUID_RESOLVER } from '../ports/api-tokens';
import { type AsyncJobOutcome, type AsyncJobService } from '../ports/async-job-service';
import { type UuidResolver } from '../ports/uuid-resolver';
import { type ApiResponseBody } from '../serialization/api-response';
import { jobErrorOf, jobResultOf, resultToBody } from './render-result';

/** Parameters never copied into a job's recorded parameters. */
const SECRET_PARAMS = new Set(['signature', 'password', 'sessionkey']);

/**
 * Runs one authorised command: binds its parameters (errors are thrown before anything runs, as in
 * CloudStack), then runs the handler at once, or submits it as an async job and answers `{jobid}`
 * (`{id, jobid}` for create-style commands).
 */
@Injectable()
export class CommandExecutor {
  private readonly logger = new Logger(CommandExecutor.name);

  constructor(
    @Inject(UUID_RESOLVER) private readonly uuidResolver: UuidResolver,
    @Inject(ASYNC_JOB_SERVICE) private readonly jobs: AsyncJobService,
    @Inject(ACTION_EVENT_WRITER) private readonly events: ActionEventWriter,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async execute(
    definition: AnyCommandDefinition,
    caller: Caller,
    rawParams: Readonly<Record<string, string>>,
  ): Promise<ApiResponseBody> {
    const context = await this.buildContext(definition, caller, rawParams);
    if (!definition.isAsync) {
      return resultToBody(await this.runHandler(definition, context));
    }
    const created = definition.isCreate === true && definition.create ? await definition.create(context) : undefined;
    const { jobId } = await this.jobs.submit(
      {
        command: definition.name,
        cmd: commandClassName(definition),
        params: Object.fromEntries(
          Object.entries(rawParams).filter(([name]) => !SECRET_PARAMS.has(name.toLowerCase())),
        ),
        caller,
        instanceType: definition.jobInstance?.type,
        instanceUuid: jobInstanceUuid(definition, rawParams, created),
      },
      (job) => this.runJob(definition, { ...context, created, jobId: job.jobId }),
    );
    return { kind: 'flat', fields: created === undefined ? { jobid: jobId } : { id: created.id, jobid: jobId } };
  }

  private async buildContext(
    definition: AnyCommandDefinition,
    caller: Caller,
    rawParams: Readonly<Record<string, string>>,
  ): Promise<CommandContext> {
    const params = await bindParameters(definition, caller, rawParams, this.uuidResolver);
    const paging = computePaging(
      definition.name,
      params.page as number | undefined,
      params.pagesize as number | undefined,
      this.settings.maxPageSize,
    );
    return { command: definition.name, caller, params: params as CommandContext['params'], rawParams, paging };
  }

  private async runJob(definition: AnyCommandDefinition, context: CommandContext): Promise<AsyncJobOutcome> {
    try {
      const result = await this.runHandler(definition, context);
      return { status: 'succeeded', resultCode: 0, result: jobResultOf(result) };
    } catch (error: unknown) {
      const apiError = toApiError(error);
      return { status: 'failed', resultCode: apiError.errorCode, result: jobErrorOf(apiError) };
    }
  }

  /** The handler between action events; the failed event carries the client-visible message. */
  private async runHandler(definition: AnyCommandDefinition, context: CommandContext): Promise<CommandResult> {
    const event = actionEventOf(definition, context);
    if (event !== undefined) {
      await this.record(() => this.events.started(event));
    }
    try {
      const result = await definition.handler(context);
      if (event !== undefined) {
        const resource = event.resource ?? (await this.resourceOfResult(definition, result));
        await this.record(() => this.events.completed({ ...event, resource }));
      }
      return result;
    } catch (error: unknown) {
      const apiError = toApiError(error);
      if (event !== undefined) {
        await this.record(() => this.events.failed({ ...event, errorText: apiError.message }));
      }
      throw apiError;
    }
  }

  /** For commands that create what they return: the returned object's entity, by its uuid. */
  private async resourceOfResult(
    definition: AnyCommandDefinition,
    result: CommandResult,
  ): Promise<EventResource | undefined> {
    const declared = definition.eventResource ?? definition.jobInstance;
    if (declared === undefined || declared.param !== undefined || result.kind !== 'object') {
      return undefined;
    }
    const uuid = (result.item as { id?: unknown }).id;
    if (typeof uuid !== 'string') return undefined;
    const id = await this.uuidResolver.resolve(declared.type, uuid);
    return id === undefined ? undefined : { type: declared.type, id };
  }

  /** Event recording never fails the command. */
  private async record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error: unknown) {
      this.logger.warn(`Could not record an action event: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function actionEventOf(definition: AnyCommandDefinition, context: CommandContext): CommandActionEvent | undefined {
  if (definition.eventType === undefined) {
    return undefined;
  }
  return {
    type: definition.eventType,
    description: definition.eventDescription ?? definition.name,
    command: definition.name,
    caller: context.caller,
    jobId: context.jobId,
    resource: eventResourceOf(definition, context),
  };
}

/** The resource known before the handler runs: a parameter's entity or what `create()` made. */
function eventResourceOf(definition: AnyCommandDefinition, context: CommandContext): EventResource | undefined {
  const declared = definition.eventResource ?? definition.jobInstance;
  if (declared === undefined) return undefined;
  if (declared.param !== undefined) {
    // uuid parameters with an entity are bound to the internal id.
    const id = (context.params as Readonly<Record<string, unknown>>)[declared.param];
    return typeof id === 'string' ? { type: declared.type, id } : undefined;
  }
  const created = context.created?.internalId;
  return created === undefined ? undefined : { type: declared.type, id: created };
}

function jobInstanceUuid(
  definition: AnyCommandDefinition,
  rawParams: Readonly<Record<string, string>>,
  created: CreatedEntity | undefined,
): string | undefined {
  const instance = definition.jobInstance;
  if (instance === undefined) {
    return undefined;
  }
  if (instance.param !== undefined) {
    return Object.hasOwn(rawParams, instance.param) ? rawParams[instance.param] : undefined;
  }
  return created?.id;
}
