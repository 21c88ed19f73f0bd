import { type Caller } from '@csbr/framework/host';

/** The owner of an API key: who calls, with the secret that signs the requests. */
export interface ApiKeyOwner {
  readonly caller: Caller;
  /** Never logged. */
  readonly secretKey: string;
  readonly userEnabled: boolean;
  readonly accountEnabled: boolean;
}

/** A `login` request's credentials. */
export interface LoginCredentials {
  readonly username: string;
  /** Plain text, checked by the store; never logged. */
  readonly password: string;
  /** Domain path with leading and trailing slash (`/`, `/sales/`); ROOT when neither this nor `domainId` is given. */
  readonly domainPath?: string;
  /** Domain uuid as the client sent it (`domainId`/`domainid`); takes precedence over `domainPath`. */
  readonly domainId?: string;
}

/** A successful login: the session's caller and the fields of the `loginresponse`. */
export interface LoginResult {
  readonly caller: Caller;
  readonly username: string;
  readonly userUuid: string;
  readonly domainUuid: string;
  readonly accountName: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** The user's time zone id (e.g. `Europe/Paris`), when set. */
  readonly timezone?: string;
}

/** Users and their keys, implemented by the server over CloudStack's `user`/`account` tables. */
export interface ApiUserStore {
  /** The user whose `api_key` this is (removed users excluded), or undefined. */
  findByApiKey(apiKey: string): Promise<ApiKeyOwner | undefined>;
  /**
   * Checks a username and password in a domain; undefined when the user does not exist, the
   * password is wrong, or the user or account is disabled or locked.
   */
  authenticate(credentials: LoginCredentials): Promise<LoginResult | undefined>;
  /**
   * The caller a user acts as, by internal id (removed users excluded), for running the async jobs
   * the user submitted, on whichever instance claims them.
   */
  findCaller(userId: string): Promise<Caller | undefined>;
}
