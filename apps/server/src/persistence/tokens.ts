/*
 * Nest injection tokens of the framework's host ports. The ports are interfaces, which leave
 * nothing at run time to inject by, hence symbols.
 */

/** The {@link Repositories} used outside any transaction (reads, single writes). */
export const REPOSITORIES = Symbol('csbr:Repositories');

/** The {@link TransactionRunner} that binds {@link Repositories} to one database transaction. */
export const TRANSACTION_RUNNER = Symbol('csbr:TransactionRunner');

/** The {@link AccessChecker} (owner, domain admin or root admin). */
export const ACCESS_CHECKER = Symbol('csbr:AccessChecker');

/** The {@link Clock}; the system clock in the server, a fixed one in tests. */
export const CLOCK = Symbol('csbr:Clock');

/**
 * The {@link ConfigurationStore} (zone → global → default), provided by the configuration area
 * (`ConfigurationService`); re-exported so the persistence wiring and its users share one symbol.
 */
export { CONFIGURATION_STORE } from '../configuration/configuration-store.token';
