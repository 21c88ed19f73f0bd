import { type INestApplication, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../../../src/api/api.module';
import { CommandRegistry } from '../../../src/api/command-registry';
import { type ApiSettings } from '../../../src/api/ports/api-settings';
import {
  ACCOUNT_DIRECTORY,
  ACTION_EVENT_WRITER,
  API_CLOCK,
  API_USER_STORE,
  ASYNC_JOB_SERVICE,
  UUID_RESOLVER,
} from '../../../src/api/ports/api-tokens';
import { InMemoryAsyncJobService } from '../../../src/api/ports/in-memory-async-job-service';
import { AccountScopeResolver } from '../../../src/api/scope/account-scope-resolver';
import {
  FakeAccountDirectory,
  FakeApiUserStore,
  FakeUuidResolver,
  MutableClock,
  RecordingActionEventWriter,
} from './fake-ports';
import { Gate, testCommands } from './test-commands';

/** What a test gets: the server's address and handles on its fakes. */
export interface TestApi {
  readonly endpoint: string;
  readonly jobs: InMemoryAsyncJobService;
  readonly clock: MutableClock;
  readonly events: RecordingActionEventWriter;
  /** The gate `slowThing` waits for; replace it with `resetGate()`. */
  gate: Gate;
  resetGate(): Gate;
  close(): Promise<void>;
}

/**
 * Nest's body-parser options: its defaults (as the server's bootstrap creates the app), `rawBody`,
 * or body parsing off. The API must read form bodies as sent in every case.
 */
export type BodyMode = 'nestDefaults' | 'rawBody' | 'noBodyParser';

/** Starts ApiModule with in-memory fakes and the test commands on a random port. */
export async function startTestApi(
  options: { settings?: Partial<ApiSettings>; bodyMode?: BodyMode } = {},
): Promise<TestApi> {
  const clock = new MutableClock();
  const events = new RecordingActionEventWriter();
  const state = { gate: new Gate() };

  @Injectable()
  class TestCommandsRegistrar implements OnModuleInit {
    constructor(
      private readonly registry: CommandRegistry,
      private readonly scopes: AccountScopeResolver,
    ) {}

    onModuleInit(): void {
      this.registry.register(...testCommands({ gate: () => state.gate, scopes: this.scopes }));
    }
  }

  @Module({
    imports: [
      ApiModule.forRoot({
        settings: options.settings,
        providers: [
          { provide: API_USER_STORE, useClass: FakeApiUserStore },
          { provide: UUID_RESOLVER, useClass: FakeUuidResolver },
          { provide: ACCOUNT_DIRECTORY, useClass: FakeAccountDirectory },
          { provide: ASYNC_JOB_SERVICE, useClass: InMemoryAsyncJobService },
          { provide: ACTION_EVENT_WRITER, useValue: events },
          { provide: API_CLOCK, useValue: clock },
        ],
      }),
    ],
    providers: [TestCommandsRegistrar],
  })
  class TestAppModule {}

  const bodyMode = options.bodyMode ?? 'nestDefaults';
  const app: INestApplication = await NestFactory.create(TestAppModule, {
    logger: false,
    rawBody: bodyMode === 'rawBody',
    bodyParser: bodyMode !== 'noBodyParser',
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const jobs = app.get<InMemoryAsyncJobService>(ASYNC_JOB_SERVICE);
  return {
    endpoint: `http://127.0.0.1:${address.port}/client/api`,
    jobs,
    clock,
    events,
    get gate() {
      return state.gate;
    },
    set gate(gate: Gate) {
      state.gate = gate;
    },
    resetGate() {
      state.gate = new Gate();
      return state.gate;
    },
    close: () => app.close(),
  };
}
