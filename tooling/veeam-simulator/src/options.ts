import { type Personality, type Revision } from './personality';
import { type SeedPreset, type SeedSpec } from './model/seed';
import { DEFAULT_SESSION_TIMING, type SessionTiming } from './model/sessions';
import { type SimulatorUser } from './model/tokens';

export interface VeeamSimulatorOptions {
  /** `12` = VBR 12.3.1 (1.2-rev1), `13` = VBR 13.1 (1.3-rev2). Default `13`. */
  personality?: Personality;
  /** The newest revision served, e.g. `1.3-rev1` for a VBR 13.0.1. Default: the personality's newest. */
  newestRevision?: Revision;
  /** Default 9419 (VBR's); pass 0 for a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Who may log in. Default: one Backup Administrator, `administrator` / `Veeam123!`. */
  users?: SimulatorUser[];
  /** What VBR knows at start. Default `demo`. */
  seed?: SeedPreset | SeedSpec;
  /** The vCenter's name as registered in VBR. Default `vcenter.sim.local`. */
  vcenterName?: string;
  /** `expires_in` of access tokens. Default 900 (what live servers return). */
  accessTokenLifetimeSeconds?: number;
  /** Refresh token lifetime. Default 14 days. */
  refreshTokenLifetimeSeconds?: number;
  /** Session phase durations in ms. Default 50 / 200 / 50. */
  sessionTiming?: Partial<SessionTiming>;
  /**
   * The page size VBR 12 applies when a client sends no `limit` (1.3 documents 200; a field report
   * saw 200 on 12 too). Default 200; `null` returns everything on 1.2.
   */
  v12DefaultLimit?: number | null;
  /** `errorCode` of the 401 for an expired token (unverified on real servers). Default `AccessDenied`. */
  expiredTokenErrorCode?: 'AccessDenied' | 'ExpiredToken';
  /** Extra DNS names or IPs for the certificate (localhost, 127.0.0.1 and ::1 are always in). */
  certificateHostnames?: string[];
  /** Called with unexpected handler errors (answered 500 UnknownError). Default: ignored. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_USER: Readonly<SimulatorUser> = {
  username: 'administrator',
  password: 'Veeam123!',
  role: 'BackupAdministrator',
};

export interface ResolvedOptions {
  readonly personality: Personality;
  readonly newestRevision: Revision | undefined;
  readonly port: number;
  readonly host: string;
  readonly users: SimulatorUser[];
  readonly seed: SeedSpec;
  readonly vcenterName: string;
  readonly accessTokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly sessionTiming: SessionTiming;
  readonly v12DefaultLimit: number | undefined;
  readonly expiredTokenErrorCode: 'AccessDenied' | 'ExpiredToken';
  readonly certificateHostnames: string[];
  readonly onError: (error: unknown) => void;
}

/** A preset name or a spec, checked: callers include plain-JS tests and the HTTP control API. */
export function toSeedSpec(seed: SeedPreset | SeedSpec | undefined): SeedSpec {
  if (seed === undefined) return { preset: 'demo' };
  const spec: SeedSpec = typeof seed === 'string' ? { preset: seed } : seed;
  if (spec === null || typeof spec !== 'object')
    throw new RangeError('A seed is a preset name or { preset?, scale? }');
  if (spec.preset !== undefined && spec.preset !== 'empty' && spec.preset !== 'demo') {
    throw new RangeError(
      `Unknown seed preset ${JSON.stringify(spec.preset)}; expected "empty" or "demo"`,
    );
  }
  if (spec.scale !== undefined && (spec.scale === null || typeof spec.scale !== 'object')) {
    throw new RangeError('scale must be { vms, restorePointsPerVm, ... }');
  }
  return spec;
}

function positiveSeconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number`);
  return value;
}

export function checkTiming(timing: SessionTiming): SessionTiming {
  for (const [key, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`sessionTiming.${key} must be >= 0`);
  }
  return timing;
}

export function resolveOptions(options: VeeamSimulatorOptions): ResolvedOptions {
  const personality = options.personality ?? '13';
  if (personality !== '12' && personality !== '13') {
    throw new RangeError(`personality must be '12' or '13', got ${String(personality)}`);
  }
  const users = options.users ?? [{ ...DEFAULT_USER }];
  if (users.length === 0) throw new RangeError('At least one user is needed');
  return {
    personality,
    newestRevision: options.newestRevision,
    port: options.port ?? 9419,
    host: options.host ?? '127.0.0.1',
    users,
    seed: toSeedSpec(options.seed),
    vcenterName: options.vcenterName ?? 'vcenter.sim.local',
    accessTokenLifetimeSeconds: positiveSeconds(
      options.accessTokenLifetimeSeconds,
      900,
      'accessTokenLifetimeSeconds',
    ),
    refreshTokenLifetimeSeconds: positiveSeconds(
      options.refreshTokenLifetimeSeconds,
      14 * 86_400,
      'refreshTokenLifetimeSeconds',
    ),
    sessionTiming: checkTiming({ ...DEFAULT_SESSION_TIMING, ...options.sessionTiming }),
    v12DefaultLimit:
      options.v12DefaultLimit === null ? undefined : (options.v12DefaultLimit ?? 200),
    expiredTokenErrorCode: options.expiredTokenErrorCode ?? 'AccessDenied',
    certificateHostnames: options.certificateHostnames ?? [],
    onError: options.onError ?? (() => undefined),
  };
}
