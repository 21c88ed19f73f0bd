import { type ProviderLogger } from '../../contract/provider-context';
import { type ProviderDiagnostic, type ProviderLookup, type RegisteredProvider } from '../provider-types';
import { errorMessage } from './read-package-manifest';

/**
 * The providers discovery registered, in creation order, and the outcome for every candidate
 * package. Fixed after boot: adding or removing a provider package needs a restart.
 *
 * @public
 * @since 1.0.0
 */
export class ProviderRegistry implements ProviderLookup {
  readonly #providers: readonly RegisteredProvider[];
  readonly #byName: ReadonlyMap<string, RegisteredProvider>;
  readonly #diagnostics: readonly ProviderDiagnostic[];
  readonly #logger: ProviderLogger | undefined;
  #disposed = false;

  /**
   * @param providers - registered providers, in the order their instances were created.
   * @param diagnostics - one record per candidate package that carried a marker.
   * @param logger - receives a warning for each `dispose()` that fails at shutdown.
   */
  constructor(
    providers: readonly RegisteredProvider[],
    diagnostics: readonly ProviderDiagnostic[],
    logger?: ProviderLogger,
  ) {
    this.#providers = Object.freeze([...providers]);
    this.#byName = new Map(providers.map((provider) => [provider.name, provider]));
    this.#diagnostics = Object.freeze([...diagnostics]);
    this.#logger = logger;
  }

  /** The registered provider with that exact name (as in `backup.framework.provider.plugin`). */
  get(name: string): RegisteredProvider | undefined {
    return this.#byName.get(name);
  }

  /** Registered providers, in creation order. */
  list(): readonly RegisteredProvider[] {
    return this.#providers;
  }

  /** What happened to every candidate package, registered or refused, for admins. */
  diagnostics(): readonly ProviderDiagnostic[] {
    return this.#diagnostics;
  }

  /**
   * Calls each instance's `dispose()` once, in reverse creation order, so a provider created after
   * another is gone before it. A failing `dispose()` is logged and does not stop the others.
   */
  async disposeAll(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const provider of [...this.#providers].reverse()) {
      try {
        await provider.instance.dispose?.();
      } catch (error) {
        this.#logger?.warn(`Backup provider "${provider.name}" failed to dispose: ${errorMessage(error)}`, {
          provider: provider.name,
          packageName: provider.packageName,
        });
      }
    }
  }
}
