'use strict';
// Reads the README's ```sh blocks of the sections to check, in order, into commands with the result
// each one's `# …` comment shows. Used by check-readme.js; no dependencies.

/** Sections run by the check: the quick start and the walkthrough, whatever their steps say. */
const CHECKED_SECTION = /^## (Quick start|Walkthrough)\b/;

/**
 * Commands of the checked sections, in order: { text, expected, line }. `expected` is the comment
 * written after the command (on its line, and the comment lines right below it), or undefined.
 */
function readmeSteps(markdown) {
  const lines = markdown.split('\n');
  const steps = [];
  let checked = false;
  let inBlock = false;
  let pending; // the command being read (a line ending in `\` or an open `{` continues it)
  let last; // the last command, which comment lines below it belong to
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (!inBlock && line.startsWith('## ')) checked = CHECKED_SECTION.test(line);
    if (!inBlock && /^```sh\s*$/.test(line)) {
      inBlock = checked;
      last = undefined;
      continue;
    }
    if (!inBlock) continue;
    if (/^```\s*$/.test(line)) {
      inBlock = false;
      continue;
    }
    if (pending === undefined && /^\s*#/.test(line)) {
      // A comment line: more of the result shown for the command above it.
      if (last !== undefined) last.comments.push(line.replace(/^\s*#\s?/, ''));
      continue;
    }
    if (pending === undefined && line.trim() === '') {
      last = undefined;
      continue;
    }
    const { code, comment } = splitComment(line);
    if (pending === undefined) pending = { code: [], comments: [], line: index + 1 };
    pending.code.push(code.replace(/\s+$/, ''));
    if (comment !== undefined) pending.comments.push(comment);
    const text = pending.code.join('\n');
    if (text.endsWith('\\') || openBraces(text) > 0) continue;
    steps.push(pending);
    last = pending;
    pending = undefined;
  }
  return steps.map((step) => ({
    line: step.line,
    text: step.code.join('\n'),
    expected: step.comments.length === 0 ? undefined : step.comments.map((part) => part.trim()).join(' '),
  }));
}

/** A line's shell code and its trailing `# comment` (a `#` after a space, outside quotes). */
function splitComment(line) {
  let quote;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '\\') {
      index += 1;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]))) {
      return { code: line.slice(0, index), comment: line.slice(index + 1).trim() };
    }
  }
  return { code: line, comment: undefined };
}

/** `{` minus `}` outside quotes: a function definition continues until its braces close. */
function openBraces(text) {
  let depth = 0;
  let quote;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '{' && (index === 0 || /[\s;(]/.test(text[index - 1]))) {
      depth += 1;
    } else if (char === '}' && (index === 0 || /[\s;]/.test(text[index - 1]))) {
      depth -= 1;
    }
  }
  return depth;
}

module.exports = { readmeSteps, splitComment };
