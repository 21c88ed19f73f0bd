/**
 * Turns a uuid sent by a client into the internal id of the entity, as CloudStack's
 * `ParamProcessWorker` does for `CommandType.UUID` parameters. Removed entities are not found.
 */
export interface UuidResolver {
  /**
   * @param entityType - the parameter's `entity`, e.g. `'VirtualMachine'`, `'Domain'`, `'Backup'`.
   * @returns the internal id, or undefined when no such entity exists.
   */
  resolve(entityType: string, uuid: string): Promise<string | undefined>;
}
