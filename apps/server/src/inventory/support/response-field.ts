import { type ResponseFieldDefinition } from '../../api/command-definition';

/** One response field for listApis. */
export function field(name: string, type: string, description: string): ResponseFieldDefinition {
  return { name, type, description };
}
