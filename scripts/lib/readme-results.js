'use strict';
// Compares what a README command printed with the result its `# …` comment shows. No dependencies.
//
// A comment is read as:
//   exits N[: <result>]   the exit code is N (otherwise it must be 0), then <result> as below;
//   {…} / […] / "…"       a JSON result: every key shown must be there with a matching value (other keys
//                         may follow), arrays have the items shown, `…` stands for anything (a value, more
//                         keys or items, part of a string), and a CloudStack date matches any date;
//   … "key": value, …     fragments of an object found anywhere in the JSON printed;
//   prints nothing        nothing on stdout;
//   one word              stdout is that word (`Stopped`);
//   anything else         a remark: only the exit code is checked, and with `exits N`, every "quoted"
//                         text in it must appear in what was printed.

const ELLIPSIS = '…';
const CLOUDSTACK_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/;

/** { code, check(stdout, stderr) -> string[] of problems, kind } for a comment (undefined: none). */
function expectationOf(comment) {
  if (comment === undefined) return { code: 0, kind: 'exit code', check: () => [] };
  let rest = comment.trim();
  let code = 0;
  const exits = /^exits (\d+)\b:?\s*/.exec(rest);
  if (exits !== null) {
    code = Number(exits[1]);
    rest = rest.slice(exits[0].length);
  }
  if (/^prints nothing\b/.test(rest)) {
    return { code, kind: 'prints nothing', check: (stdout) => (stdout.trim() === '' ? [] : [`expected no output, got: ${stdout.trim()}`]) };
  }
  const template = parseTemplate(rest);
  if (template !== undefined) {
    return {
      code,
      kind: 'JSON result',
      check: (stdout, stderr) => {
        const printed = code === 0 ? stdout : `${stdout}\n${stderr}`;
        const actual = parsePrinted(printed);
        if (actual === undefined) return [`expected JSON like ${rest}, got: ${printed.trim() || '(nothing)'}`];
        const problems = template.anywhere ? matchAnywhere(template.value, actual) : match(template.value, actual, '$');
        return problems.length === 0 ? [] : [...problems, `printed: ${JSON.stringify(actual)}`];
      },
    };
  }
  if (/^[\w.-]+$/.test(rest)) {
    return { code, kind: 'word', check: (stdout) => (stdout.trim() === rest ? [] : [`expected "${rest}", got: ${stdout.trim() || '(nothing)'}`]) };
  }
  const quoted = exits === null ? [] : [...rest.matchAll(/"([^"]+)"/g)].map((found) => squash(found[1]));
  return {
    code,
    kind: quoted.length === 0 ? 'exit code' : 'quoted texts',
    check: (stdout, stderr) => {
      const printed = squash(`${stdout}\n${stderr}`);
      return quoted.filter((text) => !printed.includes(text)).map((text) => `expected the output to contain "${text}"`);
    },
  };
}

function squash(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** The JSON a command printed: the whole output, or the first {…} in it (an error envelope then a message). */
function parsePrinted(text) {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start < 0 || end < start) return undefined;
    try {
      return JSON.parse(trimmed.slice(start, end + 1));
    } catch {
      return undefined;
    }
  }
}

// ---- templates: JSON with `…` -------------------------------------------------------------------

/** { value, anywhere } or undefined when the text is not a JSON-like result. */
function parseTemplate(text) {
  if (/^[{["]/.test(text)) {
    try {
      return { value: new TemplateParser(text).value(), anywhere: false };
    } catch {
      return undefined;
    }
  }
  if (text.startsWith(ELLIPSIS) && /^…\s*"[^"]+":/.test(text)) {
    try {
      return { value: new TemplateParser(`{${text}}`).value(), anywhere: true };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

class TemplateParser {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  value() {
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { type: 'string', pieces: this.string().split(ELLIPSIS) };
    if (char === ELLIPSIS) {
      this.at += 1;
      return { type: 'any' };
    }
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at));
    if (literal === null) throw new Error(`unexpected ${this.text.slice(this.at, this.at + 10)}`);
    this.at += literal[0].length;
    return { type: 'literal', value: JSON.parse(literal[0]) };
  }

  object() {
    this.at += 1;
    const keys = new Map();
    for (;;) {
      this.space();
      const char = this.text[this.at];
      if (char === '}') {
        this.at += 1;
        return { type: 'object', keys };
      }
      if (char === ',' ) this.at += 1;
      else if (char === ELLIPSIS) this.at += 1;
      else if (char === '"') {
        const key = this.string();
        this.space();
        if (this.text[this.at] !== ':') throw new Error('expected :');
        this.at += 1;
        keys.set(key, this.value());
      } else throw new Error(`unexpected ${char} in an object`);
    }
  }

  array() {
    this.at += 1;
    const items = [];
    let open = false;
    for (;;) {
      this.space();
      const char = this.text[this.at];
      if (char === ']') {
        this.at += 1;
        return { type: 'array', items, open };
      }
      if (char === ',') this.at += 1;
      else if (char === ELLIPSIS && /^…\s*[,\]]/.test(this.text.slice(this.at))) {
        this.at += 1;
        open = true;
      } else items.push(this.value());
    }
  }

  string() {
    const match = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at));
    if (match === null) throw new Error('unterminated string');
    this.at += match[0].length;
    return JSON.parse(match[0]);
  }

  space() {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at += 1;
  }
}

/** Problems of `actual` against `template` (none: it matches). */
function match(template, actual, path) {
  switch (template.type) {
    case 'any':
      return [];
    case 'literal':
      return actual === template.value ? [] : [`${path}: expected ${JSON.stringify(template.value)}, got ${JSON.stringify(actual)}`];
    case 'string':
      return matchString(template.pieces, actual) ? [] : [`${path}: expected "${template.pieces.join(ELLIPSIS)}", got ${JSON.stringify(actual)}`];
    case 'object': {
      if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
      const problems = [];
      for (const [key, value] of template.keys) {
        if (!(key in actual)) problems.push(`${path}.${key}: missing`);
        else problems.push(...match(value, actual[key], `${path}.${key}`));
      }
      return problems;
    }
    case 'array': {
      if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
      if (!template.open && actual.length !== template.items.length) {
        return [`${path}: expected ${template.items.length} items, got ${actual.length}`];
      }
      const problems = [];
      let from = 0;
      template.items.forEach((item, index) => {
        if (!template.open) {
          problems.push(...match(item, actual[index], `${path}[${index}]`));
          return;
        }
        const found = actual.findIndex((candidate, at) => at >= from && match(item, candidate, '').length === 0);
        if (found < 0) problems.push(`${path}: no item like ${JSON.stringify(item)}`);
        else from = found + 1;
      });
      return problems;
    }
    default:
      return [`${path}: unknown template`];
  }
}

function matchString(pieces, actual) {
  if (typeof actual !== 'string') return false;
  if (pieces.length === 1) {
    const [text] = pieces;
    return CLOUDSTACK_DATE.test(text) ? CLOUDSTACK_DATE.test(actual) : actual === text;
  }
  const first = pieces[0];
  const lastPiece = pieces[pieces.length - 1];
  if (!actual.startsWith(first) || !actual.endsWith(lastPiece) || actual.length < first.length + lastPiece.length) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = actual.indexOf(piece, at);
    if (found < 0 || found + piece.length > actual.length - lastPiece.length) return false;
    at = found + piece.length;
  }
  return true;
}

/** `… "key": value …`: some object in the printed JSON has these keys and values. */
function matchAnywhere(template, actual) {
  const queue = [actual];
  while (queue.length > 0) {
    const candidate = queue.shift();
    if (candidate !== null && typeof candidate === 'object') {
      if (!Array.isArray(candidate) && match(template, candidate, '$').length === 0) return [];
      queue.push(...Object.values(candidate));
    }
  }
  return ['no object in the output has the fields shown'];
}

module.exports = { expectationOf, parsePrinted };
