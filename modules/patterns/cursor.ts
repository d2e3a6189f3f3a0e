/**
 * Character cursor over a pattern, with the lexical pieces every pattern kind shares: quoted strings,
 * `%regex%` literals, unquoted values and numbers. Errors carry the offset they were found at.
 */
import type { PatternValue } from './ast';
import { PatternSyntaxError } from './errors';

/** Numbers as the documentation defines them: optional sign, integer or decimal, optional exponent. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * CloudWatch regex syntax: alphanumerics, the symbols `_ # = @ / ; , - :` and the operators
 * `^ $ ? [ ] { } | \ * + .`. The space is accepted too: CDK's own `FilterPattern.regexValue` example
 * (`bind: address already in use`) contains spaces, and CloudWatch accepts it.
 */
const REGEX_ALLOWED = /^[A-Za-z0-9_#=@/;,\-: ^$?[\]{}|\\*+.]$/;

export class Cursor {
  pos = 0;
  /** Offsets of every `%regex%` read, for the per-pattern regex quota. */
  readonly regexPositions: number[] = [];

  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  fail(reason: string, position = this.pos): never {
    throw new PatternSyntaxError(this.text, position, reason);
  }

  /** Reads `"..."` at the cursor. `\"`, `\\` and `\*` are escapes; an unescaped `*` is a wildcard. */
  readQuoted(): PatternValue & { type: 'string' } {
    const start = this.pos;
    this.pos++; // opening quote
    const segments: string[] = [];
    let current = '';
    let wildcard = false;
    for (;;) {
      if (this.done()) this.fail('unterminated quoted string: add the closing "', start);
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\' && this.pos + 1 < this.text.length && '"\\*'.includes(this.text[this.pos + 1])) {
        current += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '*') {
        wildcard = true;
        segments.push(current);
        current = '';
        this.pos++;
        continue;
      }
      current += c;
      this.pos++;
    }
    segments.push(current);
    return { type: 'string', text: segments.join('*'), quoted: true, segments: wildcard ? segments : null };
  }

  /** Reads `%regex%` at the cursor, checking CloudWatch's allowed characters and that JavaScript can run it. */
  readRegex(): PatternValue & { type: 'regex' } {
    const start = this.pos;
    this.regexPositions.push(start);
    const close = this.text.indexOf('%', start + 1);
    if (close < 0) this.fail('unterminated regular expression: add the closing %', start);
    const source = this.text.slice(start + 1, close);
    if (!source) this.fail('empty regular expression %%', start);
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (REGEX_ALLOWED.test(c)) continue;
      const at = start + 1 + i;
      if (c === '(' || c === ')') this.fail('( and ) are not supported in CloudWatch regular expressions (no groups); use | or [] instead', at);
      if (c.charCodeAt(0) > 127) this.fail('multi-byte characters are not supported in CloudWatch regular expressions', at);
      this.fail(`character "${c}" is not allowed in a CloudWatch regular expression (allowed: letters, digits, _ # = @ / ; , - : space and ^ $ ? [ ] { } | \\ * + .)`, at);
    }
    try {
      new RegExp(source);
    } catch (e) {
      this.fail(`invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, start + 1);
    }
    this.pos = close + 1;
    return { type: 'regex', source };
  }

  /**
   * Reads an unquoted value up to whitespace or one of `stops`. `*` is a wildcard. Characters that are
   * operators elsewhere in the language must be quoted, so they are errors here.
   */
  readUnquoted(stops: string, what: string): PatternValue & { type: 'string' | 'number' } {
    const start = this.pos;
    while (!this.done()) {
      const c = this.peek();
      if (isSpace(c.charCodeAt(0)) || stops.includes(c) || this.startsWith('&&') || this.startsWith('||')) break;
      if ('(){}[]=!<>"%&|'.includes(c)) {
        this.fail(`unexpected "${c}" in unquoted ${what}; put the ${what} in double quotes`);
      }
      this.pos++;
    }
    const raw = this.text.slice(start, this.pos);
    if (!raw) this.fail(`expected a ${what}`, start);
    if (NUMBER.test(raw)) return { type: 'number', value: Number(raw), text: raw };
    const segments = raw.split('*');
    return { type: 'string', text: raw, quoted: false, segments: segments.length > 1 ? segments : null };
  }

  /** Reads a value: quoted string, `%regex%` or unquoted text/number. */
  readValue(stops: string, what = 'value'): PatternValue {
    const c = this.peek();
    if (c === '"') return this.readQuoted();
    if (c === '%') return this.readRegex();
    return this.readUnquoted(stops, what);
  }
}

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}
