/**
 * Space-delimited patterns: `[ip, user, ..., status_code = 4* && status_code != 403, bytes > 1000]`.
 * Each comma-separated column names one field of the log line (an empty column, as in the documented
 * `[..., request=*.html*, status_code=4*,]`, is an unnamed field); `...` stands for any number of fields.
 * A column may carry conditions joined by `&&` (binds tighter) and `||`; a condition may name another
 * column (`status_code = 4* && bytes > 1000`), which must exist in the pattern.
 */
import type { CompareOperator, FieldCondition, SpaceField } from './ast';
import type { Cursor } from './cursor';
import { checkOperatorValue } from './parse-json';

const NAME_CHAR = /[A-Za-z0-9_-]/;
const OPERATORS: readonly CompareOperator[] = ['!=', '<=', '>=', '=', '<', '>'];

export function parseSpacePattern(c: Cursor): SpaceField[] {
  const open = c.pos;
  c.pos++; // '['
  const fields: SpaceField[] = [];
  const references: { name: string; at: number }[] = [];
  for (;;) {
    c.skipSpace();
    if (c.done()) c.fail(`missing ] to close the space-delimited pattern opened at column ${open + 1}`);
    if (c.startsWith('...')) {
      c.pos += 3;
      fields.push({ type: 'ellipsis' });
    } else if (c.peek() === ',' || c.peek() === ']') {
      fields.push({ type: 'field', name: '', condition: null });
    } else {
      const name = readName(c);
      c.skipSpace();
      let condition: FieldCondition | null = null;
      if (!c.done() && c.peek() !== ',' && c.peek() !== ']') condition = parseOr(c, name, references);
      fields.push({ type: 'field', name, condition });
    }
    c.skipSpace();
    if (c.done()) c.fail(`missing ] to close the space-delimited pattern opened at column ${open + 1}`);
    if (c.peek() === ']') {
      c.pos++;
      break;
    }
    if (c.peek() !== ',') c.fail(`expected , or ] after a field, found "${c.peek()}"`);
    c.pos++;
  }
  c.skipSpace();
  if (!c.done()) c.fail('unexpected text after the closing ] of the space-delimited pattern');
  if (fields.length === 1 && fields[0].type === 'field' && !fields[0].name) c.fail('empty space-delimited pattern []: name at least one field', open);
  const names = new Set(fields.flatMap((f) => (f.type === 'field' && f.name ? [f.name] : [])));
  for (const ref of references) {
    if (!names.has(ref.name)) c.fail(`condition on "${ref.name}", which is not a field of this pattern (fields: ${[...names].join(', ')})`, ref.at);
  }
  return fields;
}

function readName(c: Cursor): string {
  const start = c.pos;
  while (!c.done() && NAME_CHAR.test(c.peek())) c.pos++;
  if (c.pos === start) c.fail(`expected a field name (letters, digits, - and _) or ..., found "${c.peek()}"`);
  return c.text.slice(start, c.pos);
}

function parseOr(c: Cursor, column: string, refs: { name: string; at: number }[]): FieldCondition {
  let left = parseAnd(c, column, refs);
  for (;;) {
    c.skipSpace();
    if (!c.startsWith('||')) return left;
    c.pos += 2;
    left = { type: 'or', left, right: parseAnd(c, null, refs) };
  }
}

function parseAnd(c: Cursor, column: string | null, refs: { name: string; at: number }[]): FieldCondition {
  let left = parseCompare(c, column, refs);
  for (;;) {
    c.skipSpace();
    if (!c.startsWith('&&')) return left;
    c.pos += 2;
    left = { type: 'and', left, right: parseCompare(c, null, refs) };
  }
}

/** `column` is set for the first comparison of a column, whose name was already read. */
function parseCompare(c: Cursor, column: string | null, refs: { name: string; at: number }[]): FieldCondition {
  c.skipSpace();
  let field = column;
  if (field === null) {
    refs.push({ name: '', at: c.pos });
    field = readName(c);
    refs[refs.length - 1].name = field;
    c.skipSpace();
  }
  const operator = OPERATORS.find((op) => c.startsWith(op));
  if (!operator) c.fail(c.done() ? `expected an operator after ${field}` : `expected an operator (=, !=, <, >, <=, >=) after ${field}, found "${c.peek()}"`);
  c.pos += operator.length;
  c.skipSpace();
  const valueAt = c.pos;
  if (c.done() || c.peek() === ',' || c.peek() === ']' || c.startsWith('&&') || c.startsWith('||')) c.fail(`expected a value after ${operator}`);
  const value = c.readValue(',]');
  checkOperatorValue(c, operator, value, valueAt);
  return { type: 'compare', field, operator, value };
}
