import { type Zone } from '../domain/types';
import { type ProviderStateStore } from './provider-state';

/**
 * Structured logger handed to providers. Lines carry `provider`, and `zone` where relevant.
 * Never pass secrets or whole config objects in `meta`.
 * @public
 * @since 1.0.0
 */
export interface ProviderLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Reads the provider's configuration keys. Values are resolved zone → global → declared default
 * on every call, so `updateConfiguration` applies at once. Secure values arrive in clear here and
 * only here.
 * @public
 * @since 1.0.0
 */
export interface ProviderConfig {
  get(key: string, zone?: Zone): Promise<string>;
  getBoolean(key: string, zone?: Zone): Promise<boolean>;
  getNumber(key: string, zone?: Zone): Promise<number>;
}

/**
 * What the host gives a provider when it creates the instance.
 * @public
 * @since 1.0.0
 */
export interface ProviderContext {
  /** The provider's name, as in its marker. */
  readonly providerName: string;
  readonly logger: ProviderLogger;
  readonly config: ProviderConfig;
  /** The provider's own key/value state (tokens, cursors), shared by every server instance. @since 1.1.0 */
  readonly state: ProviderStateStore;
  /** The host's clock; providers use it instead of `new Date()` so tests can control time. */
  now(): Date;
}
