import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { ApiKeyVerifier } from './auth/api-key-verifier';
import { LoginHandler } from './auth/login-handler';
import { BuiltinCommands } from './builtin/builtin-commands';
import { CommandRegistry } from './command-registry';
import { CommandExecutor } from './execution/command-executor';
import { ApiController } from './http/api.controller';
import { ApiEndpoint } from './http/api-endpoint';
import { ApiFastRoute } from './http/api-fast-route';
import { ApiRequestHandler } from './http/api-request-handler';
import { FormBodyCapture } from './http/form-body-capture';
import { HttpServerLimits } from './http/http-server-limits';
import { NoopActionEventWriter } from './ports/action-event-writer';
import { DEFAULT_API_SETTINGS, type ApiSettings } from './ports/api-settings';
import {
  ACTION_EVENT_WRITER,
  API_CLOCK,
  API_SETTINGS,
  SESSION_STORE,
  SIGNATURE_REPLAY_GUARD,
} from './ports/api-tokens';
import { InMemorySessionStore } from './ports/in-memory-session-store';
import { NoSignatureReplayGuard } from './ports/signature-replay-guard';
import { SystemClock } from '../clock/system-clock';
import { AccountScopeResolver } from './scope/account-scope-resolver';

/** How the app wires the API layer. */
export interface ApiModuleOptions {
  /**
   * Modules whose exported providers implement the required ports: `API_USER_STORE`, `UUID_RESOLVER`,
   * `ASYNC_JOB_SERVICE`, `ACCOUNT_DIRECTORY`.
   */
  readonly imports?: ModuleMetadata['imports'];
  /**
   * Port implementations given directly, e.g. `{ provide: API_USER_STORE, useClass: DbApiUserStore }`.
   * `SESSION_STORE`, `ACTION_EVENT_WRITER`, `SIGNATURE_REPLAY_GUARD` and `API_CLOCK` have defaults
   * declared in this module, which win over imported providers: override them HERE, e.g.
   * `{ provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter }`.
   */
  readonly providers?: readonly Provider[];
  /** Overrides of {@link DEFAULT_API_SETTINGS}. */
  readonly settings?: Partial<ApiSettings>;
}

/**
 * The CloudStack-compatible `/client/api` endpoint: signing, sessions, binding, envelopes, errors, and
 * the built-in listApis/queryAsyncJobResult/listAsyncJobs commands.
 *
 * Global, so that feature modules can inject `CommandRegistry` (and `AccountScopeResolver`) and
 * register their commands in `onModuleInit`.
 *
 * Form bodies are read raw by `FormBodyCapture` ahead of Nest's body parsers, so the app needs no
 * special body-parser options.
 */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    const settings: ApiSettings = { ...DEFAULT_API_SETTINGS, ...options.settings };
    return {
      module: ApiModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [ApiController],
      providers: [
        // Defaults first: a provider given in options.providers with the same token replaces them.
        { provide: API_SETTINGS, useValue: settings },
        { provide: API_CLOCK, useClass: SystemClock },
        { provide: SESSION_STORE, useClass: InMemorySessionStore },
        { provide: ACTION_EVENT_WRITER, useClass: NoopActionEventWriter },
        { provide: SIGNATURE_REPLAY_GUARD, useClass: NoSignatureReplayGuard },
        ...(options.providers ?? []),
        FormBodyCapture,
        ApiEndpoint,
        ApiFastRoute,
        HttpServerLimits,
        CommandRegistry,
        CommandExecutor,
        ApiKeyVerifier,
        LoginHandler,
        ApiRequestHandler,
        AccountScopeResolver,
        BuiltinCommands,
      ],
      exports: [CommandRegistry, AccountScopeResolver, API_SETTINGS, API_CLOCK],
    };
  }
}
