import { Injectable } from '@nestjs/common';
import { type AnyCommandDefinition } from './command-definition';

const API_NAME = /^[a-z][A-Za-z0-9]*$/;
const RESERVED_NAMES = new Set(['login', 'logout']);

/**
 * Every API command of the server, by name. Feature modules call `register()` in `onModuleInit`;
 * requests are served after every module is initialised, so the registry is complete by then.
 */
@Injectable()
export class CommandRegistry {
  private readonly commands = new Map<string, AnyCommandDefinition>();

  /** Adds commands; throws on a duplicate name or an inconsistent definition (a programming error). */
  register(...definitions: readonly AnyCommandDefinition[]): void {
    for (const definition of definitions) {
      assertValidDefinition(definition);
      if (this.commands.has(definition.name)) {
        throw new Error(`API command "${definition.name}" is registered twice.`);
      }
      this.commands.set(definition.name, definition);
    }
  }

  /** The command with this exact (case-sensitive) name. */
  get(name: string): AnyCommandDefinition | undefined {
    return this.commands.get(name);
  }

  /** Every command, in registration order. */
  list(): readonly AnyCommandDefinition[] {
    return [...this.commands.values()];
  }
}

function assertValidDefinition(definition: AnyCommandDefinition): void {
  const problems: string[] = [];
  if (!API_NAME.test(definition.name) || RESERVED_NAMES.has(definition.name)) {
    problems.push('the name must be a camelCase API name other than login and logout');
  }
  if (definition.allowedRoles.length === 0) {
    problems.push('allowedRoles must name at least one role');
  }
  if (definition.isCreate === true && !definition.isAsync) {
    problems.push('a create-style command must be async');
  }
  const seen = new Set<string>();
  for (const param of definition.params) {
    if (seen.has(param.name)) {
      problems.push(`parameter "${param.name}" is declared twice`);
    }
    seen.add(param.name);
    if (param.entity !== undefined && param.type !== 'uuid' && !(param.type === 'list' && param.collectionType === 'uuid')) {
      problems.push(`parameter "${param.name}" has an entity but is not a uuid`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`API command "${definition.name}" is invalid: ${problems.join('; ')}.`);
  }
}
