import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
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
import { type ApiUserStore } from '../ports/api-user-store';
import {
  ACTION_EVENT_WRITER,
  API_SETTINGS,
  API_USER_STORE,
  ASYNC_JOB_SERVICE,
  UUID_RESOLVER,
} from '../ports/api-tokens';
import {
  type AsyncJobControls,
  type AsyncJobHandler,
  type AsyncJobOutcome,
  type AsyncJobService,
  type AsyncJobSubmission,
  type RecordedJob,
} from '../ports/async-job-service';
import { CommandRegistry } from '../command-registry';
import { ApiError } from '../errors/api-error';
import { ApiErrorCode } from '../errors/api-error-codes';
import { type UuidResolver } from '../ports/uuid-resolver';
import { type ApiResponseBody } from '../serialization/api-response';
import { jobErrorOf, jobResultOf, resultToBody } from './render-result';

/** Parameters never copied into a job's recorded parameters. */
const SECRET_PARAMS = new Set(['signature', 'password', 'sessionkey']);

/**
 * Runs one authorised command: binds its parameters (errors are thrown before anything runs, as in
 * CloudStack), then runs the handler at once, or records it as an async job and answers `{jobid}`
 * (`{id, jobid}` for create-style commands). It is also the async jobs' handler: whichever server
 * instance claims a job re-binds the command from the job row and runs it as the submitting user.
 */
@Injectable()
export class CommandExecutor implements AsyncJobHandler, OnModuleInit {
  private readonly logger = new Logger(CommandExecutor.name);

  constructor(
    @Inject(UUID_RESOLVER) private readonly uuidResolver: UuidResolver,
    @Inject(ASYNC_JOB_SERVICE) private readonly jobs: AsyncJobService,
    @Inject(ACTION_EVENT_WRITER) private readonly events: ActionEventWriter,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(API_USER_STORE) private readonly users: ApiUserStore,
    private readonly registry: CommandRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.serve(this);
  }

  async execute(
    definition: AnyCommandDefinition,
    caller: Caller,
    rawParams: Readonly<Record<string, string>>,
  ): Promise<ApiResponseBody> {
    const context = await this.buildContext(definition, caller, rawParams);
    if (!definition.isAsync) {
      return resultToBody(await this.runHandler(definition, context));
    }
    const submission: AsyncJobSubmission = {
      command: definition.name,
      cmd: commandClassName(definition),
      params: Object.fromEntries(
        Object.entries(rawParams).filter(([name]) => !SECRET_PARAMS.has(name.toLowerCase())),
      ),
      caller,
      instanceType: definition.jobInstance?.type,
      instanceUuid: jobInstanceUuid(definition, rawParams, undefined),
    };
    // Before create(): a request whose job cannot be recorded must change nothing.
    this.jobs.assertFits(submission);
    const created = definition.isCreate === true && definition.create ? await definition.create(context) : undefined;
    const instanceId = jobInstanceId(definition, context.params);
    const { jobId } = await this.jobs.submit({
      ...submission,
      instanceUuid: jobInstanceUuid(definition, rawParams, created),
      ...(instanceId === undefined ? {} : { instanceId }),
      ...(created === undefined ? {} : { created }),
    });
    return { kind: 'flat', fields: created === undefined ? { jobid: jobId } : { id: created.id, jobid: jobId } };
  }

  /**
   * Runs a job claimed from the job table: the command by name, as the user who submitted it, with
   * its parameters bound again (so a resource deleted meanwhile fails the job the way a request for
   * it would fail).
   */
  async run(job: RecordedJob, controls: AsyncJobControls): Promise<AsyncJobOutcome> {
    try {
      const definition = this.registry.get(job.command);
      if (definition === undefined) {
        throw new ApiError(ApiErrorCode.INTERNAL_ERROR, `The command ${job.command} of this job is not available on this server`);
      }
      const caller = await this.users.findCaller(job.userId);
      if (caller === undefined) {
        throw new ApiError(ApiErrorCode.INTERNAL_ERROR, 'The user who submitted this job no longer exists');
      }
      const context = await this.buildContext(definition, caller, job.params);
      return await this.runJob(definition, {
        ...context,
        jobId: job.jobId,
        signal: controls.signal,
        progress: controls.progress,
        ...(job.created === undefined ? {} : { created: job.created }),
      });
    } catch (error: unknown) {
      const apiError = toApiError(error);
      return { status: 'failed', resultCode: apiError.errorCode, result: jobErrorOf(apiError) };
    }
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

/**
 * The job instance's internal id when its parameter is a uuid of the instance's own type: binding
 * resolved it already (and checked access to it).
 */
function jobInstanceId(definition: AnyCommandDefinition, params: Readonly<Record<string, unknown>>): string | undefined {
  const name = definition.jobInstance?.param;
  if (name === undefined) return undefined;
  const param = definition.params.find((candidate) => candidate.name === name);
  if (param === undefined || param.type !== 'uuid' || param.entity !== definition.jobInstance?.type) return undefined;
  const value = params[name];
  // `-1` passes binding as it came (CloudStack's "all"); it names no instance.
  return typeof value === 'string' && value !== '-1' ? value : undefined;
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
