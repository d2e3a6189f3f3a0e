/**
 * Comparison of one field value against a pattern value, with CloudWatch's type rules:
 * - a missing field, null, a boolean, an object or an array never satisfies `=`, `!=` or a numeric
 *   operator ("the selector must point to a value node (string or number)"; `!=` is false when the
 *   field is missing); booleans and null are tested only with IS TRUE / IS FALSE / IS NULL;
 * - an unquoted number compares numerically with a number field (`= 123.0` matches 123), and as text,
 *   exactly as written, with a string field (`$.recipientAccountId = 123456789012`);
 * - a quoted or non-numeric value compares as text; a number field is compared through its text
 *   (`= 1*` matches 123, `!= "123.0"` matches 123);
 * - numeric operators (<, >, <=, >=) only match number fields;
 * - comparison is case-sensitive.
 */
import type { CompareOperator, PatternValue } from './ast';
import { compileWildcard, type TextMatcher } from './wildcard';

export type ValueTest = (v: unknown) => boolean;

/** The exact text an `=` test needs, when the value is plain text (no wildcard, not a number, not a regex). */
export function exactStringValue(value: PatternValue): string | undefined {
  return value.type === 'string' && value.segments === null ? value.text : undefined;
}

/** A matcher for the text form of a value: exact, wildcard or regex. */
export function compileTextMatcher(value: PatternValue): TextMatcher {
  if (value.type === 'regex') {
    const re = new RegExp(value.source);
    return (s) => re.test(s);
  }
  if (value.type === 'string' && value.segments !== null) return compileWildcard(value.segments);
  const text = value.text;
  return (s) => s === text;
}

/** JSON-pattern test of a resolved field value (undefined when the field is missing). */
export function compileValueTest(operator: CompareOperator, value: PatternValue): ValueTest {
  if (value.type === 'number') {
    const n = value.value;
    const literal = value.text;
    switch (operator) {
      case '=':
        return (v) => (typeof v === 'number' ? v === n : typeof v === 'string' && v === literal);
      case '!=':
        return (v) => (typeof v === 'number' ? v !== n : typeof v === 'string' && v !== literal);
      case '<':
        return (v) => typeof v === 'number' && v < n;
      case '>':
        return (v) => typeof v === 'number' && v > n;
      case '<=':
        return (v) => typeof v === 'number' && v <= n;
      case '>=':
        return (v) => typeof v === 'number' && v >= n;
    }
  }
  const text = compileTextMatcher(value);
  if (operator === '=') return (v) => (typeof v === 'string' ? text(v) : typeof v === 'number' && text(String(v)));
  return (v) => (typeof v === 'string' ? !text(v) : typeof v === 'number' && !text(String(v)));
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Space-delimited test of one field's text. A field is numeric when its text is a number: then an
 * unquoted number compares numerically (`status_code = 404`, `bytes > 1000`); otherwise text rules apply
 * and numeric operators do not match.
 */
export function compileFieldTest(operator: CompareOperator, value: PatternValue): (s: string) => boolean {
  if (value.type === 'number') {
    const n = value.value;
    const literal = value.text;
    const num = (s: string) => (NUMBER.test(s) ? Number(s) : undefined);
    switch (operator) {
      case '=':
        return (s) => {
          const x = num(s);
          return x === undefined ? s === literal : x === n;
        };
      case '!=':
        return (s) => {
          const x = num(s);
          return x === undefined ? s !== literal : x !== n;
        };
      case '<':
        return (s) => (num(s) ?? NaN) < n;
      case '>':
        return (s) => (num(s) ?? NaN) > n;
      case '<=':
        return (s) => (num(s) ?? NaN) <= n;
      case '>=':
        return (s) => (num(s) ?? NaN) >= n;
    }
  }
  const text = compileTextMatcher(value);
  return operator === '=' ? text : (s) => !text(s);
}
