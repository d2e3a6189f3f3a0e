/**
 * JSON patterns: `{ $.a.b = "x" && ($.c[0] > 5 || $.d NOT EXISTS) }`.
 * Grammar (documented order of operations: `()` > `&&` > `||`):
 *   pattern   := '{' or '}'
 *   or        := and ('||' and)*
 *   and       := primary ('&&' primary)*
 *   primary   := '(' or ')' | condition
 *   condition := selector (op value | IS (NULL|TRUE|FALSE) | NOT EXISTS)
 *   selector  := '$' '.' name ('.' name | '[' digits ']')*
 */
import type { CompareOperator, JsonCondition, PatternValue, SelectorPath } from './ast';
import type { Cursor } from './cursor';

/** Property names: "alphanumeric strings that also support '-' and '_' characters" (AWS documentation). */
const NAME_CHAR = /[A-Za-z0-9_-]/;
const OPERATORS: readonly CompareOperator[] = ['!=', '<=', '>=', '=', '<', '>'];
/** Characters that end an unquoted value inside a JSON pattern. */
const VALUE_STOPS = ')}';

export function parseJsonPattern(c: Cursor): JsonCondition {
  const open = c.pos;
  c.pos++; // '{'
  c.skipSpace();
  if (c.peek() === '}') c.fail('empty JSON pattern {}: add a condition such as { $.eventName = "ConsoleLogin" }');
  const condition = parseOr(c);
  c.skipSpace();
  if (c.done()) c.fail(`missing } to close the JSON pattern opened at column ${open + 1}`);
  if (c.peek() !== '}') c.fail(expectedOperatorMessage(c));
  c.pos++;
  const close = c.pos;
  c.skipSpace();
  if (!c.done()) c.fail('unexpected text after the closing } of the JSON pattern');
  if (close < c.text.length) c.fail('space after the closing } of a JSON pattern: CloudWatch Logs rejects it; remove the space', close);
  return condition;
}

function expectedOperatorMessage(c: Cursor): string {
  if (c.peek() === '&' || c.peek() === '|') return `"${c.peek()}" is not an operator: use && or ||`;
  return `expected && or || or the closing }, found "${c.peek()}"`;
}

function parseOr(c: Cursor): JsonCondition {
  let left = parseAnd(c);
  for (;;) {
    c.skipSpace();
    if (!c.startsWith('||')) return left;
    c.pos += 2;
    left = { type: 'or', left, right: parseAnd(c) };
  }
}

function parseAnd(c: Cursor): JsonCondition {
  let left = parsePrimary(c);
  for (;;) {
    c.skipSpace();
    if (!c.startsWith('&&')) return left;
    c.pos += 2;
    left = { type: 'and', left, right: parsePrimary(c) };
  }
}

function parsePrimary(c: Cursor): JsonCondition {
  c.skipSpace();
  if (c.done()) c.fail('expected a condition such as $.eventName = "ConsoleLogin", found the end of the pattern');
  if (c.peek() === '}' || c.peek() === ')') c.fail('expected a condition such as $.eventName = "ConsoleLogin" here');
  if (c.peek() === '(') {
    const open = c.pos;
    c.pos++;
    const inner = parseOr(c);
    c.skipSpace();
    if (c.peek() !== ')') {
      if (c.done() || c.peek() === '}') c.fail(`missing ) to close the ( opened at column ${open + 1}`);
      c.fail(expectedOperatorMessage(c).replace('the closing }', ')'));
    }
    c.pos++;
    return inner;
  }
  return parseCondition(c);
}

function parseCondition(c: Cursor): JsonCondition {
  const position = c.pos;
  const { path, selectorText } = parseSelector(c);
  c.skipSpace();
  const keywordAt = c.pos;
  const word = readWord(c);
  if (word) {
    const upper = word.toUpperCase();
    if (upper === 'IS') {
      c.skipSpace();
      const valueAt = c.pos;
      const what = readWord(c).toUpperCase();
      if (what === 'NULL') return { type: 'is', selectorText, path, value: null, position };
      if (what === 'TRUE') return { type: 'is', selectorText, path, value: true, position };
      if (what === 'FALSE') return { type: 'is', selectorText, path, value: false, position };
      if (what === 'NOT') c.fail(`IS NOT is not supported by CloudWatch Logs; to test that $.${selectorText} exists, use $.${selectorText} = "*"`, keywordAt);
      c.fail('expected NULL, TRUE or FALSE after IS', valueAt);
    }
    if (upper === 'NOT') {
      c.skipSpace();
      const existsAt = c.pos;
      if (readWord(c).toUpperCase() !== 'EXISTS') c.fail('expected EXISTS after NOT', existsAt);
      return { type: 'notExists', selectorText, path, position };
    }
    if (upper === 'EXISTS') c.fail(`EXISTS is not supported by CloudWatch Logs; to test that $.${selectorText} exists, use $.${selectorText} = "*"`, keywordAt);
    c.fail(`expected an operator (=, !=, <, >, <=, >=, IS, NOT EXISTS) after $.${selectorText}, found "${word}"`, keywordAt);
  }
  const operator = OPERATORS.find((op) => c.startsWith(op));
  if (!operator) {
    if (c.startsWith('==')) c.fail('use = (not ==) to compare');
    c.fail(
      c.done() ? `expected an operator after $.${selectorText}, found the end of the pattern` : `expected an operator (=, !=, <, >, <=, >=, IS, NOT EXISTS) after $.${selectorText}, found "${c.peek()}"`,
    );
  }
  c.pos += operator.length;
  if (operator === '=' && c.peek() === '=') c.fail('use = (not ==) to compare', c.pos - 1);
  c.skipSpace();
  const valueAt = c.pos;
  if (c.done() || c.peek() === '}' || c.peek() === ')' || c.startsWith('&&') || c.startsWith('||')) {
    c.fail(`expected a value after ${operator}`);
  }
  const value: PatternValue = c.readValue(VALUE_STOPS);
  checkOperatorValue(c, operator, value, valueAt);
  return { type: 'compare', selectorText, path, operator, value, position };
}

/** Numeric operators need a number (CloudWatch rejects `{ $.s > "abc" }` with InvalidParameterException). */
export function checkOperatorValue(c: Cursor, operator: CompareOperator, value: PatternValue, at: number): void {
  if (operator === '=' || operator === '!=') return;
  if (value.type !== 'number') {
    c.fail(`${operator} compares numbers: write an unquoted number such as 500, -1.5 or 1e3`, at);
  }
}

function readWord(c: Cursor): string {
  const start = c.pos;
  while (!c.done() && /[A-Za-z]/.test(c.peek())) c.pos++;
  return c.text.slice(start, c.pos);
}

function parseSelector(c: Cursor): { path: SelectorPath; selectorText: string } {
  const start = c.pos;
  if (c.peek() !== '$') {
    c.fail(`expected a property selector starting with $. (for example $.eventName), found "${c.peek()}"`);
  }
  c.pos++;
  if (c.peek() !== '.') c.fail('a selector starts with $. followed by a property name (array indexes must follow a property: $.items[0])');
  const path: (string | number)[] = [];
  while (c.peek() === '.' || c.peek() === '[') {
    if (c.peek() === '.') {
      c.pos++;
      const nameStart = c.pos;
      while (!c.done() && NAME_CHAR.test(c.peek())) c.pos++;
      if (c.pos === nameStart) {
        c.fail(
          c.done() || /\s/.test(c.peek())
            ? 'expected a property name after "."'
            : `"${c.peek()}" is not allowed in a property name (letters, digits, - and _ only)`,
        );
      }
      path.push(c.text.slice(nameStart, c.pos));
    } else {
      const open = c.pos;
      c.pos++;
      const digitsStart = c.pos;
      while (!c.done() && /[0-9]/.test(c.peek())) c.pos++;
      if (c.pos === digitsStart) c.fail('expected an array index (a whole number such as [0])');
      if (c.peek() !== ']') c.fail('expected ] to close the array index opened here', open);
      path.push(Number(c.text.slice(digitsStart, c.pos)));
      c.pos++;
    }
  }
  if (!c.done() && NAME_CHAR.test(c.peek()) === false && !/[\s=!<>)}&|]/.test(c.peek())) {
    c.fail(`"${c.peek()}" is not allowed in a property name (letters, digits, - and _ only)`);
  }
  return { path, selectorText: c.text.slice(start + 2, c.pos) };
}
