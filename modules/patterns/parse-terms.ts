/**
 * Term patterns (unstructured text): `ERROR`, `"exact phrase"`, `?ERROR ?WARN`, `ERROR -Exiting`,
 * `ERROR - "Exiting"` (the documentation writes the minus with a space), `%regex%`.
 */
import type { Term } from './ast';
import { isSpace, type Cursor } from './cursor';

/** The documentation: terms with characters other than alphanumerics and underscore must be quoted. */
const BARE_TERM_CHAR = /[A-Za-z0-9_]/;

export function parseTermPattern(c: Cursor): Term[] {
  const terms: Term[] = [];
  for (;;) {
    c.skipSpace();
    if (c.done()) break;
    let mode: Term['mode'] = 'required';
    const prefixAt = c.pos;
    if (c.peek() === '?') {
      mode = 'optional';
      c.pos++;
    } else if (c.peek() === '-') {
      mode = 'excluded';
      c.pos++;
      c.skipSpace();
    }
    if (c.done()) c.fail(`expected a term after "${c.text[prefixAt]}"`, prefixAt);
    if (isSpace(c.text.charCodeAt(c.pos))) c.fail('no space allowed between ? and its term', prefixAt);
    const ch = c.peek();
    if (ch === '"') {
      const start = c.pos;
      const value = c.readQuoted();
      // In a term pattern `*` has no wildcard meaning: the quoted text is matched as written.
      if (!value.text) c.fail('empty quoted term ""', start);
      // `" "` (spaces only) is how the documentation writes "match everything": no condition.
      if (value.text.trim() === '' && mode === 'required') {
        if (!c.done() && !isSpace(c.text.charCodeAt(c.pos))) c.fail('expected a space between terms');
        continue;
      }
      terms.push({ mode, text: value.text, regex: false });
    } else if (ch === '%') {
      terms.push({ mode, text: c.readRegex().source, regex: true });
    } else {
      const start = c.pos;
      while (!c.done() && !isSpace(c.text.charCodeAt(c.pos))) {
        if (!BARE_TERM_CHAR.test(c.peek())) {
          c.fail(
            c.peek() === '?' || c.peek() === '-'
              ? `"${c.peek()}" must start a term (put a space before it) or be inside double quotes`
              : `"${c.peek()}" must be inside double quotes: terms with characters other than letters, digits and _ are written "like:this"`,
          );
        }
        c.pos++;
      }
      if (c.pos === start) c.fail('expected a term');
      terms.push({ mode, text: c.text.slice(start, c.pos), regex: false });
    }
    if (!c.done() && !isSpace(c.text.charCodeAt(c.pos))) c.fail('expected a space between terms');
  }
  return terms;
}
