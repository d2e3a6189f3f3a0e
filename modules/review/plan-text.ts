/**
 * Parses only the top-level sections of a plan's JSON text that the review reads. A full
 * `terraform show -json` plan is mostly `planned_values`, `prior_state` and `configuration`, which the
 * review never looks at; skipping them (a scan for the end of each value, no objects built) makes
 * reading 100 plans about twice as fast. Malformed text falls back to JSON.parse, whose error is the
 * one reported.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

/** Index just past the JSON string starting at `i` (a quote): the next quote not escaped. */
function skipString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) throw new Error('unterminated string');
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Quotes and brackets: the only characters that matter when skipping a value. */
const STRUCTURE = /["{}[\]]/g;

/** Index just past the JSON value starting at `i` (after whitespace). */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return skipString(text, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    const m = /[,}\]\s]/g;
    m.lastIndex = i;
    const hit = m.exec(text);
    return hit ? hit.index : text.length;
  }
  let depth = 0;
  STRUCTURE.lastIndex = i;
  for (let hit = STRUCTURE.exec(text); hit; hit = STRUCTURE.exec(text)) {
    const c = text.charCodeAt(hit.index);
    if (c === QUOTE) STRUCTURE.lastIndex = skipString(text, hit.index);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (--depth === 0) return hit.index + 1;
  }
  throw new Error('unterminated value');
}

const skipSpace = (text: string, i: number) => {
  while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  return i;
};

/**
 * The top-level members named in `keys`, parsed; the others skipped, except that every member's name
 * is listed in the returned `present` set.
 */
export function parseTopLevel(text: string, keys: ReadonlySet<string>): { values: Record<string, unknown>; present: Set<string> } {
  const present = new Set<string>();
  const out: Record<string, unknown> = {};
  try {
    let i = skipSpace(text, 0);
    if (text[i] !== '{') throw new Error('not an object');
    i = skipSpace(text, i + 1);
    if (text[i] === '}') return { values: out, present };
    for (;;) {
      const keyEnd = skipString(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text[i] !== ':') throw new Error('expected :');
      const start = skipSpace(text, i + 1);
      const end = skipValue(text, start);
      present.add(key);
      if (keys.has(key)) out[key] = JSON.parse(text.slice(start, end));
      i = skipSpace(text, end);
      if (text[i] === '}') {
        if (skipSpace(text, i + 1) !== text.length) throw new Error('text after the object');
        return { values: out, present };
      }
      if (text[i] !== ',') throw new Error('expected ,');
      i = skipSpace(text, i + 1);
    }
  } catch {
    const all = JSON.parse(text) as unknown;
    if (!all || typeof all !== 'object' || Array.isArray(all)) return { values: {}, present: new Set() };
    return { values: all as Record<string, unknown>, present: new Set(Object.keys(all)) };
  }
}

/** The sections of `terraform show -json` that readPlan uses. */
export const PLAN_SECTIONS: ReadonlySet<string> = new Set(['format_version', 'resource_changes', 'output_changes']);
