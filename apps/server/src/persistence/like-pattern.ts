/**
 * `LIKE` patterns with user text taken literally. SQLite has no default escape character, so every
 * pattern goes with an explicit `ESCAPE '!'` ({@link LIKE_ESCAPE}), which both engines accept.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (character) => `!${character}`);
}

/** `%text%`: contains `text` (case-insensitively under CloudStack's collation). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `text%`: starts with `text`. */
export function startsWithPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
