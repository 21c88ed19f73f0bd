import { type Caller } from '@csbr/framework/host';

/**
 * Turns a uuid sent by a client into the internal id of the entity, as CloudStack's
 * `ParamProcessWorker` does for `CommandType.UUID` parameters. Removed entities are not found, except
 * policies/offerings, whose removal the manager reports in CloudStack's words.
 */
export interface UuidResolver {
  /**
   * @param entityType - the parameter's `entity`, e.g. `'VirtualMachine'`, `'Domain'`, `'Backup'`.
   * @param visibleTo - when given, an entity owned by an account this caller may not act on is not
   *   found either, so that an answer never tells whether another account's resource exists
   *   (README, "Security decisions"). Entities no account owns (zones, domains, policies) are not
   *   affected.
   * @returns the internal id, or undefined when no such entity exists (for `visibleTo`).
   */
  resolve(entityType: string, uuid: string, visibleTo?: Caller): Promise<string | undefined>;
}
