import { compileMatcher, parsePattern, PatternSyntaxError, tryParsePattern } from '..';

/** The error for a pattern that must not parse. */
function errorOf(text: string): PatternSyntaxError {
  const r = tryParsePattern(text);
  if (!r.error) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
  return r.error;
}

describe('parsePattern: kinds', () => {
  it.each([
    ['', 'all'],
    ['   ', 'all'],
    ['{ $.a = 1 }', 'json'],
    ['{$.a=1}', 'json'],
    ['" "', 'all'],
    ['ERROR', 'terms'],
    ['"quoted term" ?A ?B -"excluded"', 'terms'],
    ['%ERR[0-9]+%', 'terms'],
    ['[ip, user, ...]', 'space'],
  ])('%j is a %s pattern', (text, kind) => {
    const p = parsePattern(text);
    expect(p.kind).toBe(kind);
    expect(p.ast.kind).toBe(kind);
    expect(p.text).toBe(text);
  });

  it('builds the JSON tree with && binding tighter than ||', () => {
    const p = parsePattern('{ $.a = 1 || $.b = 2 && $.c = 3 }');
    expect(p.ast).toMatchObject({
      kind: 'json',
      condition: { type: 'or', left: { type: 'compare', selectorText: 'a' }, right: { type: 'and', left: { selectorText: 'b' }, right: { selectorText: 'c' } } },
    });
  });

  it('parses selectors with properties, - and _, and nested array indexes', () => {
    const p = parsePattern('{ $.objectList[1].id = 2 && $.coordinates[0][1] = 1 && $.x-amz_id.b = "v" }');
    const paths: unknown[] = [];
    const walk = (c: any): void => (c.type === 'and' || c.type === 'or' ? (walk(c.left), walk(c.right)) : void paths.push(c.path));
    walk((p.ast as any).condition);
    expect(paths).toEqual([['objectList', 1, 'id'], ['coordinates', 0, 1], ['x-amz_id', 'b']]);
  });

  it('reads values: quoted with escapes, unquoted dotted text, numbers with sign/decimal/exponent, wildcards, regexes', () => {
    const values = (text: string) => {
      const out: unknown[] = [];
      const walk = (c: any): void => (c.type === 'and' || c.type === 'or' ? (walk(c.left), walk(c.right)) : void out.push(c.value));
      walk((parsePattern(text).ast as any).condition);
      return out;
    };
    expect(
      values('{ $.a = "say \\"hi\\" \\\\ \\*" && $.b = kms.amazonaws.com && $.c = -1.5e3 && $.d = +7 && $.e = "Access*" && $.f = %^ab[0-9]+$% && $.g = "" }'),
    ).toEqual([
      { type: 'string', text: 'say "hi" \\ *', quoted: true, segments: null },
      { type: 'string', text: 'kms.amazonaws.com', quoted: false, segments: null },
      { type: 'number', value: -1500, text: '-1.5e3' },
      { type: 'number', value: 7, text: '+7' },
      { type: 'string', text: 'Access*', quoted: true, segments: ['Access', ''] },
      { type: 'regex', source: '^ab[0-9]+$' },
      { type: 'string', text: '', quoted: true, segments: null },
    ]);
  });

  it('accepts whitespace-free compound patterns and keywords in any case', () => {
    expect(() => parsePattern('{($.eventName=CreateRoute)||($.eventName=DeleteRoute)&&($.x NOT EXISTS)}')).not.toThrow();
    expect(parsePattern('{ $.a is null || $.b Not Exists }').kind).toBe('json');
  });

  it('parses term modes and space-delimited columns', () => {
    expect(parsePattern('ERROR ?A ?"b c" -D - "E"').ast).toEqual({
      kind: 'terms',
      terms: [
        { mode: 'required', text: 'ERROR', regex: false },
        { mode: 'optional', text: 'A', regex: false },
        { mode: 'optional', text: 'b c', regex: false },
        { mode: 'excluded', text: 'D', regex: false },
        { mode: 'excluded', text: 'E', regex: false },
      ],
    });
    expect(parsePattern('[a, ..., b = 4* && b != 403, ]').ast).toEqual({
      kind: 'space',
      fields: [
        { type: 'field', name: 'a', condition: null },
        { type: 'ellipsis' },
        {
          type: 'field',
          name: 'b',
          condition: {
            type: 'and',
            left: { type: 'compare', field: 'b', operator: '=', value: { type: 'string', text: '4*', quoted: false, segments: ['4', ''] } },
            right: { type: 'compare', field: 'b', operator: '!=', value: { type: 'number', value: 403, text: '403' } },
          },
        },
        { type: 'field', name: '', condition: null },
      ],
    });
  });

  it('accepts exactly 1024 characters and two regexes', () => {
    const filler = `{ $.a = "${'x'.repeat(1024 - 12)}" }`;
    expect(filler).toHaveLength(1024);
    expect(parsePattern(filler).kind).toBe('json');
    expect(parsePattern('{ $.a = %a% && $.b = %b% }').kind).toBe('json');
  });
});

describe('syntax errors: position, reason and caret', () => {
  it.each([
    // [pattern, 0-based position, reason fragment]
    ['{ $.a = }', 8, 'expected a value after ='],
    ['{ $.a }', 6, 'expected an operator'],
    ['{ $.a == "x" }', 6, 'use = (not ==)'],
    ['{ a = 1 }', 2, 'selector starting with $.'],
    ['{ $a = 1 }', 3, 'a selector starts with $.'],
    ['{ $[0] = 1 }', 3, 'array indexes must follow a property'],
    ['{ $.a[x] = 1 }', 6, 'expected an array index'],
    ['{ $.a[1 = 1 }', 5, 'expected ] to close'],
    ['{ $.a.b@c = 1 }', 7, 'not allowed in a property name'],
    ['{ $.a = "x" ', 12, 'missing } to close the JSON pattern opened at column 1'],
    ['{ ($.a = 1 }', 11, 'missing ) to close the ( opened at column 3'],
    ['{ $.a = "x }', 8, 'unterminated quoted string'],
    ['{ $.a = 1 } x', 12, 'unexpected text after the closing }'],
    ['{ $.a = 1 & $.b = 2 }', 10, '"&" is not an operator: use && or ||'],
    ['{ $.a = 1 && }', 13, 'expected a condition'],
    ['{ $.a = 1 || () }', 14, 'expected a condition'],
    ['{ }', 2, 'empty JSON pattern'],
    ['{ $.a > "5" }', 8, '> compares numbers'],
    ['{ $.a >= abc }', 9, '>= compares numbers'],
    ['{ $.a IS MAYBE }', 9, 'expected NULL, TRUE or FALSE after IS'],
    ['{ $.a IS NOT NULL }', 6, 'IS NOT is not supported'],
    ['{ $.a EXISTS }', 6, 'EXISTS is not supported'],
    ['{ $.a NOT THERE }', 10, 'expected EXISTS after NOT'],
    ['{ $.a = x(y) }', 9, 'put the value in double quotes'],
    ['{ $.a = %a(b)% }', 10, '( and ) are not supported'],
    ['{ $.a = %a!% }', 10, 'character "!" is not allowed'],
    ['{ $.a = %abc }', 8, 'unterminated regular expression'],
    ['{ $.a = %[a% }', 9, 'invalid regular expression'],
    ['{ $.a = %é% }', 9, 'multi-byte characters'],
    ['{ $.a = %a% || $.b = %b% || $.c = %c% }', 34, 'more than 2 regular expressions'],
    ['ERROR:', 5, 'must be inside double quotes'],
    ['"unterminated', 0, 'unterminated quoted string'],
    ['? ERROR', 0, 'no space allowed between ? and its term'],
    ['ERROR -', 6, 'expected a term after "-"'],
    ['a"b"', 1, 'must be inside double quotes'],
    ['[a, b', 5, 'missing ] to close the space-delimited pattern opened at column 1'],
    ['[a, b = ]', 8, 'expected a value after ='],
    ['[a, b c]', 6, 'expected an operator (=, !=, <, >, <=, >=) after b'],
    ['[a; b]', 2, 'expected an operator'],
    ['[a = 1 b]', 7, 'expected , or ]'],
    ['[a, b > x]', 8, '> compares numbers'],
    ['[a = 1 && z = 2, b]', 10, 'condition on "z", which is not a field of this pattern'],
    ['[]', 0, 'empty space-delimited pattern'],
    ['[a] x', 4, 'unexpected text after the closing ]'],
  ])('%j fails at offset %i: %s', (text, position, reason) => {
    const e = errorOf(text);
    expect(e).toBeInstanceOf(PatternSyntaxError);
    expect(e.reason).toContain(reason);
    expect(e.position).toBe(position);
    expect(e.pattern).toBe(text);
    expect(e.message).toBe(`${e.reason} at column ${position + 1}`);
  });

  it('explain() gives the reason with its column, the pattern, and a caret under the position', () => {
    const e = errorOf('{ $.eventName = ConsoleLogin && $.x > "5" }');
    expect(e.explain()).toBe(
      ['> compares numbers: write an unquoted number such as 500, -1.5 or 1e3 at column 39', '  { $.eventName = ConsoleLogin && $.x > "5" }', `  ${' '.repeat(38)}^`].join('\n'),
    );
  });

  it('explain() puts the caret after the last character for errors at the end', () => {
    const lines = errorOf('{ $.a = 1').explain().split('\n');
    expect(lines[1]).toBe('  { $.a = 1');
    expect(lines[2]).toBe(`  ${' '.repeat(9)}^`);
  });

  it('explain() shows a window around the position of a long pattern, with the caret still under it', () => {
    const names = Array.from({ length: 30 }, (_, i) => `($.eventName = Name${i})`).join(' || ');
    const text = `{ ${names} || ($.eventName = ) }`;
    const e = errorOf(text);
    const [, shown, caret] = e.explain().split('\n');
    expect(shown.startsWith('  ...')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(2 + 3 + 100 + 3);
    const caretAt = caret.indexOf('^');
    // The character under the caret in the shown window is the one at the error position.
    expect(shown[caretAt]).toBe(text[e.position]);
    expect(text[e.position]).toBe(')');
  });

  it('explain() replaces newlines and tabs so the caret lines up', () => {
    const e = errorOf('{ $.a = 1\n&& $.b }');
    const [, shown, caret] = e.explain().split('\n');
    expect(shown).toBe('  { $.a = 1 && $.b }');
    expect(caret.indexOf('^')).toBe(shown.indexOf('}'));
  });

  it('rejects a pattern over 1024 characters, pointing at the first character past the limit', () => {
    const e = errorOf(`{ $.a = "${'x'.repeat(1100)}" }`);
    expect(e.position).toBe(1024);
    expect(e.reason).toMatch(/1112 characters, over the CloudWatch Logs limit of 1024/);
  });

  it('parsePattern throws the same error tryParsePattern returns', () => {
    expect(() => parsePattern('{ $.a = }')).toThrow(PatternSyntaxError);
    expect(() => parsePattern('{ $.a = }')).toThrow('expected a value after = at column 9');
  });
});

/**
 * Three cases where the engine disagreed with CloudWatch, decided from the documentation and observed
 * behaviour (issue 15; docs/pattern-engine.md, "Known differences from CloudWatch").
 */
describe('agreement with CloudWatch on the cases other implementations disagree on', () => {
  it.each([' {$.ThisFlag IS TRUE} ', ' {$.ThisFlag IS TRUE}', '{$.ThisFlag IS TRUE} ', '{ $.a = 1 }\n'])(
    'rejects %j: spaces outside the braces (CloudWatch answered InvalidParameterException)',
    (text) => {
      expect(() => parsePattern(text)).toThrow(/space (before the \{|after the closing \}) of a JSON pattern: CloudWatch Logs rejects it; remove the space/);
    },
  );

  it('accepts spaces inside the braces, as the documentation writes its examples', () => {
    expect(parsePattern('{ $.ThisFlag IS TRUE }').kind).toBe('json');
  });

  it('matches every log event with " " (the documented way to match everything), text or JSON', () => {
    const all = compileMatcher(parsePattern('" "'));
    for (const event of ['ERROR', 'nospace', '', '{"a":1}', { eventName: 'ConsoleLogin' }]) expect(all(event)).toBe(true);
    // with other terms, " " adds no condition
    const error = compileMatcher(parsePattern('" " ERROR'));
    expect([error('an ERROR'), error('fine')]).toEqual([true, false]);
  });

  it('compares a number written 12.0 as 12 (JSON.parse keeps no text): != "12" does not match, where CloudWatch matches (documented difference)', () => {
    const m = compileMatcher(parsePattern('{ $.someFloat2 != "12" }'));
    expect(m('{"someFloat2": 12.0}')).toBe(false);
    expect(m('{"someFloat2": 12.5}')).toBe(true);
  });
});
