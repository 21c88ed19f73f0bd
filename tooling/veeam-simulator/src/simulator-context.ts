import { randomUUID } from 'node:crypto';

import { type SimulatorCertificate } from './certificate';
import { FaultBoard } from './controls/faults';
import { RequestLog } from './controls/request-log';
import { SimulatorClock } from './model/clock';
import { seed, type SeedSpec, type SeedSummary } from './model/seed';
import { type SessionTiming } from './model/sessions';
import { SimulatorState } from './model/simulator-state';
import { TokenStore, type SimulatorUser } from './model/tokens';
import { type ResolvedOptions } from './options';
import { type PersonalityProfile } from './personality';

/** The simulator's moving parts, shared by the HTTP server and the controls. */
export class SimulatorContext {
  readonly clock = new SimulatorClock();
  /** `serverInfo.vbrId`, stable for the simulator's life. */
  readonly serverId = randomUUID();
  readonly tokens: TokenStore;
  readonly faults: FaultBoard;
  readonly requests = new RequestLog();
  readonly users: SimulatorUser[];
  sessionTiming: SessionTiming;
  state: SimulatorState;

  constructor(
    readonly profile: PersonalityProfile,
    readonly options: ResolvedOptions,
    readonly certificate: SimulatorCertificate,
    operations: ReadonlySet<string>,
  ) {
    this.tokens = new TokenStore({
      accessSeconds: options.accessTokenLifetimeSeconds,
      refreshSeconds: options.refreshTokenLifetimeSeconds,
    });
    this.faults = new FaultBoard(operations);
    this.users = options.users.map((user) => ({ ...user }));
    this.sessionTiming = { ...options.sessionTiming };
    this.state = new SimulatorState(this.clock, this.sessionTiming);
  }

  /** Forgets every job, backup, session and VM, then seeds. Tokens, faults and settings stay. */
  reset(spec: SeedSpec): SeedSummary {
    this.state = new SimulatorState(this.clock, this.sessionTiming);
    return this.seed(spec);
  }

  seed(spec: SeedSpec): SeedSummary {
    return seed(this.state, spec, this.options.vcenterName);
  }

  setSessionTiming(timing: SessionTiming): void {
    this.sessionTiming = { ...timing };
    this.state.sessions.timing = { ...timing };
  }
}
