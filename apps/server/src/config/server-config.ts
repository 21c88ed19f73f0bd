/**
 * Where the data lives: a MySQL/MariaDB server, or the embedded sql.js database (trying csbr
 * only) saved to `file`, or kept in memory when `file` is undefined (tests).
 */
export type DatabaseSettings =
  | {
      readonly kind: 'mysql';
      readonly url: string;
      /** `CSBR_DB_POOL_SIZE`: connections in the pool (default 10). */
      readonly poolSize?: number;
    }
  | { readonly kind: 'embedded'; readonly file: string | undefined };

/** How this instance runs async jobs. */
export interface JobSettings {
  /** `CSBR_JOB_WORKERS`: jobs this instance runs at once (default 16). */
  readonly workers: number;
  /** `CSBR_JOB_POLL_INTERVAL_MS`: how often it looks for jobs other instances recorded (default 1000). */
  readonly pollIntervalMs: number;
  /** `CSBR_SHUTDOWN_GRACE_SECONDS`: how long shutdown waits for running jobs (default 30). */
  readonly shutdownGraceMs: number;
}

/** What one API request may carry (README, "Request limits"). */
export interface RequestLimitSettings {
  /** `CSBR_API_MAX_REQUEST_BYTES`: query string plus form body, as received (default 65536). */
  readonly maxRequestBytes: number;
  /** `CSBR_API_MAX_VALUE_BYTES`: one parameter name or value, decoded (default 16384). */
  readonly maxValueBytes: number;
  /** `CSBR_API_MAX_PARAMETERS`: parameters in one request (default 256). */
  readonly maxParameters: number;
}

/** `CSBR_LOG_LEVEL` values, lowest volume first. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type ServerLogLevel = (typeof LOG_LEVELS)[number];

/** `CSBR_LOG_FORMAT`: JSON lines (files, journald, collectors) or readable lines (a terminal). */
export type LogFormat = 'json' | 'pretty';

/** The admin's credentials from the environment (applied at every start). */
export interface AdminSettings {
  /** `CSBR_ADMIN_PASSWORD`, or CloudStack's default `password` for a new admin when unset. */
  readonly password: string;
  /** True when `CSBR_ADMIN_PASSWORD` was not set and CloudStack's default `password` is used. */
  readonly passwordDefaulted: boolean;
  /**
   * False in the `csbr` CLI: it creates the admin on a fresh database but leaves an existing one's
   * password and keys to the server's environment.
   */
  readonly applyToExisting?: boolean;
  /** Set together with `secretKey`, or neither. */
  readonly apiKey?: string;
  readonly secretKey?: string;
}

/** How this instance takes part in a cluster of instances sharing one database. */
export interface ClusterSettings {
  /**
   * `CSBR_MANAGEMENT_SERVER_ID`: this instance's id in `mshost` and on the jobs it runs; stable
   * across restarts and ports. Derived from the host name and the data folder when not set.
   */
  readonly managementServerId: string;
  /** `CSBR_HEARTBEAT_INTERVAL_MS`: how often the instance writes its heartbeat (default 5000). */
  readonly heartbeatIntervalMs: number;
  /**
   * `CSBR_HEARTBEAT_TIMEOUT_MS`: a peer whose heartbeat is older counts as dead; its jobs are
   * recovered and its leases taken over (default three intervals).
   */
  readonly heartbeatTimeoutMs: number;
}

/**
 * The process settings, validated at boot. Zones and providers are configured in the database
 * (`configuration`, `data_center_details`), never here.
 */
export interface ServerConfig {
  /** `PORT`; 0 picks a free port (tests). */
  readonly port: number;
  /** `HOST`: the address to listen on; every interface when unset. */
  readonly host?: string;
  readonly database: DatabaseSettings;
  /**
   * `CSBR_DATABASE_WAIT_SECONDS` in ms: how long the start waits for an unreachable database,
   * retrying with backoff, before it exits (default 60 s; 0 tries once).
   */
  readonly databaseWaitMs: number;
  /** `CSBR_DATA_DIR`, absolute. Holds the embedded database and a generated encryption key. */
  readonly dataDir: string;
  /** 32 bytes for AES-256-GCM of secure configuration values and API secret keys. */
  readonly encryptionKey: Buffer;
  /** `CSBR_PLUGIN_DIR`, absolute, when set. */
  readonly pluginDir?: string;
  readonly admin: AdminSettings;
  readonly logLevel: ServerLogLevel;
  /** `CSBR_LOG_FORMAT`; unset: pretty when stdout is a terminal, JSON lines otherwise. */
  readonly logFormat?: LogFormat;
  /** `CSBR_SYNC_ENABLED`: whether the background sync task runs. */
  readonly syncEnabled: boolean;
  /**
   * The backup scheduler: `CSBR_SCHEDULER_ENABLED` (default true) and `CSBR_SCHEDULER_TICK_MS`
   * (how often the lease holder looks for due schedules; default 30000, 100-60000). Absent means
   * the defaults.
   */
  readonly scheduler?: { readonly enabled: boolean; readonly tickMs: number };
  readonly jobs: JobSettings;
  readonly requestLimits: RequestLimitSettings;
  readonly cluster: ClusterSettings;
  /** Provider checks (readiness) and webhook delivery; defaults when absent. */
  readonly operations?: OperationsSettings;
  /** Things an operator should know about the settings, logged once at boot. */
  readonly warnings: readonly string[];
}

/** What operators watch: the periodic provider check and webhook delivery. */
export interface OperationsSettings {
  /** `CSBR_PROVIDER_CHECK_INTERVAL_SECONDS` in ms (0: no checks); 60 s by default. */
  readonly providerCheckIntervalMs: number;
  /** `CSBR_PROVIDER_CHECK_TIMEOUT_SECONDS` in ms: how long one check may take; 10 s by default. */
  readonly providerCheckTimeoutMs: number;
  /** `CSBR_NOTIFICATION_POLL_SECONDS` in ms: how often the outbox is looked at; 5 s by default. */
  readonly notificationPollMs: number;
  /** `CSBR_NOTIFICATION_RETRY_SECONDS` in ms: the first retry's wait, doubled each time (capped at an hour); 30 s by default. */
  readonly notificationRetryBaseMs: number;
  /** `CSBR_NOTIFICATION_MAX_ATTEMPTS`: deliveries tried before a notification is given up; 10 by default. */
  readonly notificationMaxAttempts: number;
}

export const DEFAULT_OPERATIONS_SETTINGS: OperationsSettings = {
  providerCheckIntervalMs: 60_000,
  providerCheckTimeoutMs: 10_000,
  notificationPollMs: 5000,
  notificationRetryBaseMs: 30_000,
  notificationMaxAttempts: 10,
};

/** Nest injection token of the {@link ServerConfig}. */
export const SERVER_CONFIG = Symbol('csbr:ServerConfig');
