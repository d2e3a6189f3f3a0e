import { compileMatcher, matches, parsePattern, type LogEvent } from '..';
import { compileWildcard } from '../wildcard';
import { splitFields } from '../compile-space';

/** Evaluates on the parsed object and on its JSON text, and insists both agree. */
function m(pattern: string, event: LogEvent): boolean {
  const p = parsePattern(pattern);
  const asGiven = matches(p, event);
  if (typeof event !== 'string') expect(matches(p, JSON.stringify(event))).toBe(asGiven);
  return asGiven;
}

const record = {
  eventName: 'ConsoleLogin',
  eventSource: 'signin.amazonaws.com',
  recipientAccountId: '123456789012',
  errorCode: 'AccessDenied',
  responseElements: { ConsoleLogin: 'Failure' },
  additionalEventData: { MFAUsed: 'No' },
  readOnly: false,
  managementEvent: true,
  userIdentity: { type: 'IAMUser', sessionContext: { attributes: { mfaAuthenticated: 'true' } } },
  someInt: 123,
  someFloat: 12.5,
  empty: '',
  nothing: null,
  list: ['a', 'b'],
  resources: [{ ARN: 'arn:aws:s3:::bucket' }],
};

describe('JSON patterns: documented semantics', () => {
  it('= and != compare text, case-sensitively', () => {
    expect(m('{ $.eventName = "ConsoleLogin" }', record)).toBe(true);
    expect(m('{ $.eventName = ConsoleLogin }', record)).toBe(true);
    expect(m('{ $.eventName = "consolelogin" }', record)).toBe(false);
    expect(m('{ $.eventName != "ConsoleLogin" }', record)).toBe(false);
    expect(m('{ $.eventName != "GetObject" }', record)).toBe(true);
    expect(m('{ $.eventname = "ConsoleLogin" }', record)).toBe(false);
  });

  it('!= is false when the field is missing; NOT EXISTS || != expresses "missing or different"', () => {
    expect(m('{ $.userIdentity.invokedBy != "cloudfront.amazonaws.com" }', record)).toBe(false);
    expect(m('{ ($.userIdentity.invokedBy NOT EXISTS) || ($.userIdentity.invokedBy != "x") }', record)).toBe(true);
  });

  it('= and != are both false on objects, arrays and null; booleans are only for IS TRUE / IS FALSE', () => {
    for (const sel of ['responseElements', 'list', 'nothing', 'readOnly', 'managementEvent']) {
      expect(m(`{ $.${sel} = "x" }`, record)).toBe(false);
      expect(m(`{ $.${sel} != "x" }`, record)).toBe(false);
      expect(m(`{ $.${sel} = * }`, record)).toBe(false);
      expect(m(`{ $.${sel} != 1 }`, record)).toBe(false);
    }
    expect(m('{ $.readOnly = false }', record)).toBe(false);
  });

  it('IS TRUE / IS FALSE only match JSON booleans, IS NULL only JSON null', () => {
    expect(m('{ $.managementEvent IS TRUE }', record)).toBe(true);
    expect(m('{ $.readOnly IS FALSE }', record)).toBe(true);
    expect(m('{ $.readOnly IS TRUE }', record)).toBe(false);
    expect(m('{ $.userIdentity.sessionContext.attributes.mfaAuthenticated IS TRUE }', record)).toBe(false);
    expect(m('{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "true" }', record)).toBe(true);
    expect(m('{ $.nothing IS NULL }', record)).toBe(true);
    expect(m('{ $.missing IS NULL }', record)).toBe(false);
    expect(m('{ $.empty IS NULL }', record)).toBe(false);
  });

  it('NOT EXISTS is true only when the path leads nowhere (null and "" exist)', () => {
    expect(m('{ $.missing NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.responseElements.Other NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.eventName.deeper NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.nothing NOT EXISTS }', record)).toBe(false);
    expect(m('{ $.empty NOT EXISTS }', record)).toBe(false);
    expect(m('{ $.responseElements NOT EXISTS }', record)).toBe(false);
  });

  it('unquoted numbers compare numerically with number fields, quoted values as text', () => {
    expect(m('{ $.someInt = 123.0 }', record)).toBe(true);
    expect(m('{ $.someInt = 1.23e2 }', record)).toBe(true);
    expect(m('{ $.someInt != 123 }', record)).toBe(false);
    expect(m('{ $.someInt != "123.0" }', record)).toBe(true);
    expect(m('{ $.someInt = "123" }', record)).toBe(true);
    expect(m('{ $.someInt = 1* }', record)).toBe(true);
    expect(m('{ $.someFloat > 12 && $.someFloat < 13 && $.someFloat >= 12.5 && $.someFloat <= +12.5 }', record)).toBe(true);
    expect(m('{ $.someFloat < -1e3 }', record)).toBe(false);
  });

  it('an unquoted number against a string field compares the text as written; numeric operators never match strings', () => {
    expect(m('{ $.recipientAccountId = 123456789012 }', record)).toBe(true);
    expect(m('{ $.recipientAccountId != 123456789012 }', record)).toBe(false);
    expect(m('{ $.recipientAccountId > 1 }', record)).toBe(false);
    expect(m('{ $.recipientAccountId < 1e20 }', record)).toBe(false);
  });

  it('array indexes select elements; an index on a non-array or a property on an array is missing', () => {
    expect(m('{ $.list[1] = "b" }', record)).toBe(true);
    expect(m('{ $.list[2] NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.resources[0].ARN = "arn:aws:s3:::*" }', record)).toBe(true);
    expect(m('{ $.eventName[0] NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.list.length NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.eventName.length NOT EXISTS }', record)).toBe(true);
  });

  it('does not resolve inherited properties (toString, constructor, __proto__)', () => {
    expect(m('{ $.toString NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.responseElements.constructor NOT EXISTS }', record)).toBe(true);
    expect(m('{ $.constructor = * }', { constructor: 'x' })).toBe(true);
  });

  it('&& binds tighter than ||, parentheses override (the CIS unauthorized-API trap)', () => {
    const cis = '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
    const base = { sourceIPAddress: 'delivery.logs.amazonaws.com', eventName: 'HeadBucket' };
    expect(m(cis, { ...base, errorCode: 'Client.UnauthorizedOperation' })).toBe(true);
    expect(m(cis, { ...base, errorCode: 'AccessDenied' })).toBe(false);
    const grouped = '{ (($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && ($.eventName!="HeadBucket") }';
    expect(m(grouped, { ...base, errorCode: 'Client.UnauthorizedOperation' })).toBe(false);
  });

  it('long OR lists on one selector (folded into a set lookup) behave like the plain chain', () => {
    const names = ['CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'AttachRolePolicy'];
    const p = `{ ($.eventName = ${names.join(') || ($.eventName = ')}) || ($.someInt = 123) || ($.eventName = "x*") }`;
    for (const n of names) expect(m(p, { eventName: n })).toBe(true);
    expect(m(p, { eventName: 'GetPolicy' })).toBe(false);
    expect(m(p, { eventName: 'xyz' })).toBe(true);
    expect(m(p, { eventName: 'GetPolicy', someInt: 123 })).toBe(true);
    expect(m('{ $.n = 5 || $.n = "abc" || $.n = def }', { n: 5 })).toBe(true);
    expect(m('{ $.n = "5" || $.n = "abc" }', { n: 5 })).toBe(true);
    expect(m('{ $.n = "5" || $.n = "abc" }', { n: true })).toBe(false);
  });

  it('regex values test the text of string and number fields; != needs the field', () => {
    expect(m('{ $.eventName = %^Console[A-Za-z]+$% }', record)).toBe(true);
    expect(m('{ $.eventName = %^console% }', record)).toBe(false);
    expect(m('{ $.someInt = %^12[0-9]$% }', record)).toBe(true);
    expect(m('{ $.eventName != %Get% }', record)).toBe(true);
    expect(m('{ $.missing != %Get% }', record)).toBe(false);
  });

  it('only applies to JSON object events: plain text, arrays, scalars and broken JSON do not match', () => {
    const p = parsePattern('{ $.a NOT EXISTS }');
    expect(matches(p, '{"b":1}')).toBe(true);
    expect(matches(p, '  \n{"b":1}')).toBe(true);
    expect(matches(p, 'ERROR a=1')).toBe(false);
    expect(matches(p, '[{"b":1}]')).toBe(false);
    expect(matches(p, '42')).toBe(false);
    expect(matches(p, '{"b":')).toBe(false);
    expect(matches(p, [] as unknown as LogEvent)).toBe(false);
  });
});

describe('wildcards: leftmost, non-backtracking (reported TestMetricFilter behaviour)', () => {
  it.each([
    // [segments of the pattern value, value, matches]
    ['*', '', true],
    ['*', 'anything', true],
    ['Access*', 'AccessDenied', true],
    ['Access*', 'NoAccess', false],
    ['*UnauthorizedOperation', 'Client.UnauthorizedOperation', true],
    ['*Operation', 'OperationOperation', false],
    ['*Denied*', 'AccessDeniedException', true],
    ['123.123.*', '123.123.1.1', true],
    ['*111.111.111', '111.111.111.111', false],
    ['*.111.111.111', '111.111.111.111', true],
    ['111*111', '111.111.111.111', false],
    ['Ev*ent', 'Event', true],
    ['a*b*c', 'a-b-c', true],
    ['a*b*c', 'a-c-b', false],
    ['a**c', 'abc', true],
    ['a*', 'a', true],
    ['*a', 'a', true],
  ])('%j against %j: %s', (value, input, expected) => {
    expect(compileWildcard(value.split('*'))(input)).toBe(expected);
    expect(m(`{ $.v = "${value}" }`, { v: input })).toBe(expected);
    expect(m(`{ $.v != "${value}" }`, { v: input })).toBe(!expected);
  });

  it('an escaped \\* is a literal star', () => {
    expect(m('{ $.v = "a\\*b" }', { v: 'a*b' })).toBe(true);
    expect(m('{ $.v = "a\\*b" }', { v: 'axb' })).toBe(false);
  });
});

describe('term patterns', () => {
  const line = '[ERROR] 2024-01-01 Failed to process the request id=42';
  it.each([
    ['ERROR', true],
    ['ERR', true],
    ['error', false],
    ['ERROR Failed', true],
    ['ERROR WARN', false],
    ['?WARN ?Failed', true],
    ['?WARN ?INFO', false],
    ['ERROR -Failed', false],
    ['ERROR -"WARN"', true],
    ['"process the request"', true],
    ['"process  the request"', false],
    ['"id=42"', true],
    ['%id=[0-9]+%', true],
    ['%^ERROR%', false],
    ['ERROR ?WARN ?id', true],
    ['ERROR ?WARN ?INFO', false],
  ])('%j on the line: %s', (pattern, expected) => {
    expect(m(pattern, line)).toBe(expected);
  });

  it('matches an object event through its JSON text', () => {
    expect(m('"\\"eventName\\":\\"ConsoleLogin\\""', record)).toBe(true);
    expect(m('ConsoleLogin -GetObject', record)).toBe(true);
  });
});

describe('space-delimited patterns', () => {
  it('splits on spaces, keeping "..." and [...] as single fields without their delimiters', () => {
    expect(splitFields('127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a b" 200  1534')).toEqual([
      '127.0.0.1',
      '-',
      'frank',
      '10/Oct/2000:13:25:15 -0700',
      'GET /a b',
      '200',
      '1534',
    ]);
    expect(splitFields('  a   "unterminated rest')).toEqual(['a', 'unterminated rest']);
  });

  const line = '10.0.0.1 alice [01/Jan/2024:00:00:00 +0000] "GET /x HTTP/1.1" 404 2048';
  it.each([
    ['[ip, user, time, request, status, bytes]', true],
    ['[ip, user, time, request, status]', false],
    ['[ip, user, time, request, status, bytes, more]', false],
    ['[ip, ..., status, bytes]', true],
    ['[..., bytes]', true],
    ['[ip, ...]', true],
    ['[..., ip, ..., bytes]', true],
    ['[ip=10.0.0.*, user, ...]', true],
    ['[ip, user=bob, ...]', false],
    ['[..., status = 404, bytes > 2000]', true],
    ['[..., status != 404, bytes]', false],
    ['[..., status = 4* && status != 403, bytes <= 2048]', true],
    ['[..., status = 500 || status = 404, bytes]', true],
    ['[..., status = 500 || bytes > 4000, bytes]', false],
    ['[..., request = "GET *", status, bytes]', true],
    ['[..., request = *POST*, status, bytes]', false],
    ['[..., request, status, bytes < 1e4]', true],
    ['[ip, user > 1, ...]', false],
    ['[ip, user = %^al%, ...]', true],
  ])('%j on an access-log line: %s', (pattern, expected) => {
    expect(m(pattern, line)).toBe(expected);
  });
});

describe('compileMatcher', () => {
  it('the empty pattern matches every event, text or object', () => {
    const match = compileMatcher(parsePattern(''));
    expect(match('')).toBe(true);
    expect(match('anything')).toBe(true);
    expect(match({})).toBe(true);
  });

  it('returns the same compiled function for the same pattern object, and agrees with matches()', () => {
    const p = parsePattern('{ $.eventName = ConsoleLogin && $.responseElements.ConsoleLogin = Failure }');
    expect(compileMatcher(p)).toBe(compileMatcher(p));
    const events = [record, { ...record, responseElements: { ConsoleLogin: 'Success' } }, { eventName: 'ConsoleLogin' }];
    expect(events.map(compileMatcher(p))).toEqual(events.map((e) => matches(p, e)));
    expect(events.map(compileMatcher(p))).toEqual([true, false, false]);
  });

  it('does not stringify an object event for a JSON pattern', () => {
    const match = compileMatcher(parsePattern('{ $.a = 1 }'));
    const spy = jest.spyOn(JSON, 'stringify');
    try {
      expect(match({ a: 1 })).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
