import { type Page } from '@csbr/framework/host';
import { type CommandResult } from './command-definition';

/** `{kind:'list'}` from a page of items already shaped as responses. */
export function listResult(objectName: string, page: Page<object>): CommandResult {
  return { kind: 'list', objectName, items: page.items, total: page.total };
}

/** `{kind:'object'}`. */
export function objectResult(objectName: string, item: object): CommandResult {
  return { kind: 'object', objectName, item };
}

/** `{kind:'success'}`, optionally with a display text. */
export function successResult(displayText?: string): CommandResult {
  return displayText === undefined ? { kind: 'success' } : { kind: 'success', displayText };
}
