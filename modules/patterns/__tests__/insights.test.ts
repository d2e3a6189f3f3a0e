import { parsePattern, toInsightsQuery } from '..';
import { INSIGHTS_FIELDS, insightsFilter } from '../insights';

const filterOf = (pattern: string) => insightsFilter(parsePattern(pattern));

describe('toInsightsQuery', () => {
  it('lists the CloudTrail fields, filters, newest first, 100 rows', () => {
    expect(toInsightsQuery(parsePattern('{ $.eventName = ConsoleLogin }'))).toBe(
      'fields @timestamp, eventSource, eventName, recipientAccountId, userIdentity.arn, sourceIPAddress, errorCode | filter eventName = "ConsoleLogin" | sort @timestamp desc | limit 100',
    );
    expect(INSIGHTS_FIELDS.startsWith('fields @timestamp')).toBe(true);
  });

  it('has no filter for the empty pattern', () => {
    expect(toInsightsQuery(parsePattern(''))).toBe(`${INSIGHTS_FIELDS} | sort @timestamp desc | limit 100`);
  });

  it.each([
    // every JSON operator
    ['{ $.a.b = "x" }', 'filter a.b = "x"'],
    ['{ $.a != "x" }', 'filter ispresent(a) and a != "x"'],
    ['{ $.a = "say \\"hi\\"" }', 'filter a = "say \\"hi\\""'],
    ['{ $.a = "Access*" }', 'filter a like /^Access/'],
    ['{ $.a = "*Operation" }', 'filter a like /Operation$/'],
    ['{ $.a = "*Denied*" }', 'filter a like /Denied/'],
    ['{ $.a = 123.123.* }', 'filter a like /^123\\.123\\./'],
    ['{ $.a = "a*b*c" }', 'filter a like /^a.*b.*c$/'],
    ['{ $.a = "*" }', 'filter ispresent(a)'],
    ['{ $.a != "*" || $.b = 1 }', 'filter (ispresent(a) and not ispresent(a)) or b = 1'],
    ['{ $.a != "Access*" }', 'filter ispresent(a) and a not like /^Access/'],
    ['{ $.a = "x/y(z)*" }', 'filter a like /^x\\/y\\(z\\)/'],
    ['{ $.n = 5 }', 'filter n = 5'],
    ['{ $.n != 5 }', 'filter ispresent(n) and n != 5'],
    ['{ $.n < 1e3 }', 'filter n < 1000'],
    ['{ $.n > -2.5 }', 'filter n > -2.5'],
    ['{ $.n <= +7 }', 'filter n <= 7'],
    ['{ $.n >= 0 }', 'filter n >= 0'],
    ['{ $.a = %^ab[0-9]/x$% }', 'filter a like /^ab[0-9]\\/x$/'],
    ['{ $.a != %ab% }', 'filter ispresent(a) and a not like /ab/'],
    ['{ $.a IS NULL }', 'filter isempty(a)'],
    ['{ $.a IS TRUE }', 'filter a = 1'],
    ['{ $.a IS FALSE }', 'filter a = 0'],
    ['{ $.a NOT EXISTS }', 'filter not ispresent(a)'],
    // selectors
    ['{ $.resources[0].ARN = "x" }', 'filter resources.0.ARN = "x"'],
    ['{ $.requestParameters.x-amz-id = "x" }', 'filter `requestParameters.x-amz-id` = "x"'],
    // precedence: && inside || and || inside && are parenthesised
    ['{ $.a = 1 || $.b = 2 && $.c = 3 }', 'filter a = 1 or (b = 2 and c = 3)'],
    ['{ ($.a = 1 || $.b = 2) && $.c = 3 }', 'filter (a = 1 or b = 2) and c = 3'],
    ['{ $.a = 1 && $.b != "x" || $.c NOT EXISTS }', 'filter (a = 1 and ispresent(b) and b != "x") or not ispresent(c)'],
    // the safe exclusion forms: beside `not ispresent(f)` in an `or`, f is known to be present
    ['{ ($.a NOT EXISTS) || ($.a != "x") }', 'filter not ispresent(a) or a != "x"'],
    ['{ ($.a NOT EXISTS) || (($.a != "x") && ($.a != "y*")) }', 'filter not ispresent(a) or (a != "x" and a not like /^y/)'],
    ['{ ($.a NOT EXISTS) || ($.a != "x") || ($.b NOT EXISTS) || ($.b != 2) }', 'filter not ispresent(a) or a != "x" or not ispresent(b) or b != 2'],
    ['{ ($.b NOT EXISTS) || ($.a != "x") }', 'filter not ispresent(b) or (ispresent(a) and a != "x")'],
    ['{ ($.a NOT EXISTS) && ($.a != "x") }', 'filter not ispresent(a) and ispresent(a) and a != "x"'],
    // OR lists on one field fold into `in`
    ['{ ($.e = A) || ($.e = B) || ($.f = C) || ($.e = "D") }', 'filter e in ["A","B","D"] or f = "C"'],
    ['{ $.s = x && ($.e = A || $.e = B*) }', 'filter s = "x" and (e = "A" or e like /^B/)'],
    // terms
    ['ERROR', 'filter @message like "ERROR"'],
    ['ERROR "bad thing" -DEBUG ?A ?B', 'filter @message like "ERROR" and @message like "bad thing" and (@message like "A" or @message like "B") and @message not like "DEBUG"'],
    ['%ERR[0-9]%', 'filter @message like /ERR[0-9]/'],
  ])('%s -> %s', (pattern, expected) => {
    expect(filterOf(pattern)).toBe(expected);
  });

  it('space-delimited patterns parse the message into the named columns and filter on them', () => {
    expect(filterOf('[ip, ..., status = 4*, bytes > 1000]')).toBe(
      'parse @message /^(?<ip>[^ "[]\\S*|"[^"]*"|\\[[^\\]]*\\]) .* (?<status>[^ "[]\\S*|"[^"]*"|\\[[^\\]]*\\]) (?<bytes>[^ "[]\\S*|"[^"]*"|\\[[^\\]]*\\])$/ | filter status like /^4/ and bytes > 1000',
    );
    expect(filterOf('[a, b]')).toMatch(/\| filter ispresent\(a\)$/);
  });

  it('keeps every query of a long CIS-style list well under the 1024-character description limit', () => {
    const names = Array.from({ length: 36 }, (_, i) => `($.eventName = Name${i})`).join(' || ');
    const pattern = `{ ($.eventSource = organizations.amazonaws.com) && (${names}) }`;
    expect(pattern.length).toBeLessThanOrEqual(1024);
    const query = toInsightsQuery(parsePattern(pattern));
    expect(query).toContain('eventName in ["Name0","Name1",');
    expect(query.length).toBeLessThan(pattern.length);
  });
});
