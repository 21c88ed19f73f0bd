import { type ProgressReporter } from '@csbr/framework';
import { type Caller, type PageRequest, type RoleType } from '@csbr/framework/host';

/** CloudStack's `CommandType`s that commands use; `listApis` shows them as they are. */
export type ParamType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'short'
  | 'float'
  | 'uuid'
  | 'date'
  | 'tzdate'
  | 'list'
  | 'map';

/** Element type of a `list` parameter (comma-separated values). */
export type ListElementType = 'string' | 'uuid' | 'integer' | 'long';

/** One API parameter, as CloudStack's `@Parameter` annotation declares it. */
export interface ParamDefinition {
  /** The wire name; bound case-sensitively, all lowercase by CloudStack's convention. */
  readonly name: string;
  readonly type: ParamType;
  readonly required?: boolean;
  readonly description: string;
  /** Maximum length of a string value; 255 when left out. */
  readonly length?: number;
  readonly since?: string;
  /**
   * For `uuid` parameters (and `list` of `uuid`): the entity type whose uuid is resolved to an
   * internal id through the `UuidResolver` port (e.g. `'VirtualMachine'`, `'Domain'`). An unknown
   * uuid is a 431. Without it the uuid itself is bound.
   */
  readonly entity?: string;
  /** For `list` parameters: the type of each comma-separated element; `string` when left out. */
  readonly collectionType?: ListElementType;
  /** APIs whose response is this parameter's entity (listApis `related`). */
  readonly related?: readonly string[];
  /** Roles that may use the parameter; others have it ignored and do not see it in listApis. */
  readonly authorized?: readonly RoleType[];
}

/** One field of a command's response, for listApis. Nested objects list their own fields. */
export interface ResponseFieldDefinition {
  readonly name: string;
  /** The Java field type's simple name, lowercased: `string`, `boolean`, `integer`, `long`, `date`, `list`, `map`, `set`… */
  readonly type: string;
  readonly description: string;
  readonly response?: readonly ResponseFieldDefinition[];
}

/** What a command answers with, for listApis (and the list/object name, documented here). */
export interface ResponseDefinition {
  /** The item key of list responses or the wrapper of object responses, e.g. `backup`. */
  readonly objectName?: string;
  readonly fields: readonly ResponseFieldDefinition[];
}

/** The bound value of a parameter of type `T` (distributes over unions of types). */
export type ParamValueOfType<T extends ParamType, C extends ListElementType | undefined = undefined> = T extends
  | 'string'
  | 'uuid'
  ? string
  : T extends 'boolean'
    ? boolean
    : T extends 'integer' | 'long' | 'short' | 'float'
      ? number
      : T extends 'date' | 'tzdate'
        ? Date
        : T extends 'list'
          ? readonly (C extends 'integer' | 'long' ? number : string)[]
          : T extends 'map'
            ? readonly Readonly<Record<string, string>>[]
            : never;

/** The bound value of one parameter definition. */
export type ParamValueOf<D extends ParamDefinition> = ParamValueOfType<D['type'], D['collectionType']>;

/**
 * The bound parameters of a command, typed from its definitions: required ones are always present,
 * the others may be undefined. `uuid` parameters with an `entity` hold the resolved internal id.
 */
export type BoundParams<P extends readonly ParamDefinition[]> = {
  readonly [D in P[number] as D extends { readonly required: true } ? D['name'] : never]: ParamValueOf<D>;
} & {
  readonly [D in P[number] as D extends { readonly required: true } ? never : D['name']]?: ParamValueOf<D>;
};

/** What `create()` of a create-style async command made: its `id` is answered with the `jobid`. */
export interface CreatedEntity {
  /** The entity's uuid (never an internal id). */
  readonly id: string;
  /** The internal id, for the handler. */
  readonly internalId?: string;
}

/** Everything a handler gets. */
export interface CommandContext<P extends readonly ParamDefinition[] = readonly ParamDefinition[]> {
  /** The API name, e.g. `listBackups`. */
  readonly command: string;
  readonly caller: Caller;
  /** Validated and typed parameters (internal ids for uuid parameters with an entity). */
  readonly params: BoundParams<P>;
  /** Every parameter of the request as received (first value of each name), unknown ones included. */
  readonly rawParams: Readonly<Record<string, string>>;
  /**
   * From `page`/`pagesize` with CloudStack's rules: both together, at most the maximum page size
   * (500), `pagesize=-1` unlimited (`limit` undefined). Without them: the first 500 rows.
   */
  readonly paging: PageRequest;
  /** The async job's uuid when the handler runs as a job. */
  readonly jobId?: string;
  /** For jobs: aborted when the server shuts down before the job finished. */
  readonly signal?: AbortSignal;
  /** For jobs: feeds the job's `jobprocstatus`. */
  readonly progress?: ProgressReporter;
  /** What `create()` returned, for create-style async commands. */
  readonly created?: CreatedEntity;
}

/** What a handler returns; the API layer renders it as JSON or XML. Items are plain objects. */
export type CommandResult =
  /** A list: `{}` when `total` is 0, else `{"count":total,"<objectName>":[…items]}`. */
  | { readonly kind: 'list'; readonly objectName: string; readonly items: readonly object[]; readonly total: number }
  /** One object: `{"<objectName>":{…}}`. */
  | { readonly kind: 'object'; readonly objectName: string; readonly item: object }
  /** `{"success":true}` (plus `displaytext`). */
  | { readonly kind: 'success'; readonly displayText?: string }
  /** Fields directly under the response name. */
  | { readonly kind: 'flat'; readonly fields: object };

/**
 * One API command. Definitions are static data plus a handler; feature modules register them with
 * `CommandRegistry.register()` in `onModuleInit`.
 */
export interface CommandDefinition<P extends readonly ParamDefinition[] = readonly ParamDefinition[]> {
  /** The camelCase API name (`command=` value, case-sensitive). */
  readonly name: string;
  readonly description: string;
  readonly since?: string;
  /** Async commands answer `{jobid}` at once and run the handler as a job. */
  readonly isAsync: boolean;
  /**
   * Create-style async command (`BaseAsyncCreateCmd`): `create()` runs before the job and the reply is
   * `{id, jobid}`.
   */
  readonly isCreate?: boolean;
  /** The roles that may call the command; others get 401. */
  readonly allowedRoles: readonly RoleType[];
  readonly params: P;
  readonly response: ResponseDefinition;
  /** Related APIs (listApis `related`). */
  readonly related?: readonly string[];
  /** Action event type for state-changing commands, e.g. `BACKUP.CREATE`. */
  readonly eventType?: string;
  /** Action event description, e.g. `creating VM backup`; the API name when left out. */
  readonly eventDescription?: string;
  /**
   * The job's `cmd` (the Java class name CloudStack shows in async job responses); defaults to
   * `org.apache.cloudstack.api.command.<user|admin>.<Name>Cmd`.
   */
  readonly className?: string;
  /**
   * The job's `jobinstancetype` and where its `jobinstanceid` comes from: the raw value of `param`
   * (a uuid), or the created entity's id when left out.
   */
  readonly jobInstance?: { readonly type: string; readonly param?: string };
  /**
   * The resource the action events name; defaults to `jobInstance`. With a `param`, the resource is
   * that parameter's entity; without one, the entity `create()` made or else the `id` of the object
   * the handler returns (sync creates such as `createZone`).
   */
  readonly eventResource?: { readonly type: string; readonly param?: string };
  /** For `isCreate` commands: creates the entity synchronously, before the job is submitted. */
  create?(context: CommandContext<P>): Promise<CreatedEntity>;
  handler(context: CommandContext<P>): Promise<CommandResult>;
}

/** A definition of any parameter list, as the registry stores it. */
export type AnyCommandDefinition = CommandDefinition<readonly ParamDefinition[]>;

/**
 * Declares a command with its parameter types inferred from `params`, so that `context.params` is
 * typed in the handler.
 *
 * @example
 * ```ts
 * export const deleteBackupCommand = defineCommand({
 *   name: 'deleteBackup', description: 'Delete VM backup', isAsync: true,
 *   allowedRoles: ['Admin', 'DomainAdmin', 'User'], eventType: 'BACKUP.DELETE',
 *   params: [{ name: 'id', type: 'uuid', entity: 'Backup', required: true, description: 'id of the VM backup' }],
 *   response: { fields: [{ name: 'success', type: 'boolean', description: 'true if the operation succeeded' }] },
 *   handler: async ({ params }) => { await manager.deleteBackup(params.id); return { kind: 'success' }; },
 * });
 * ```
 */
export function defineCommand<const P extends readonly ParamDefinition[]>(
  definition: CommandDefinition<P>,
): CommandDefinition<P> {
  return definition;
}

/** The default Java class name of a command (the job's `cmd`). */
export function commandClassName(definition: Pick<AnyCommandDefinition, 'name' | 'className' | 'allowedRoles'>): string {
  if (definition.className !== undefined) {
    return definition.className;
  }
  const audience = definition.allowedRoles.includes('User') ? 'user' : 'admin';
  return `org.apache.cloudstack.api.command.${audience}.${definition.name.charAt(0).toUpperCase()}${definition.name.slice(1)}Cmd`;
}

/** `<lowercased name>response`, the top-level key of every reply to the command. */
export function responseNameOf(commandName: string): string {
  return `${commandName.toLowerCase()}response`;
}
