import { matches, parsePattern } from '../../patterns';
import { automationExclusion, exclusionCondition, exclusionLabel, isSelfContained, jsonPatternBody, quoted, withExclusions, type Exclusion } from '../exclusions';
import { ALWAYS_PRESENT_FIELDS, missingFieldTraps } from '../missing-fields';

describe('withExclusions', () => {
  it('wraps the original in parentheses so && cannot bind to its last || term', () => {
    expect(withExclusions('{ ($.a = 1) || ($.b = 2) }', ['$.c != "x"'])).toBe('{ (($.a = 1) || ($.b = 2)) && ($.c != "x") }');
  });

  it('appends several exclusions, each as one operand', () => {
    expect(withExclusions('{$.a=1}', ['$.b = 2', '($.c = 3) || ($.d = 4)'])).toBe('{ ($.a=1) && ($.b = 2) && (($.c = 3) || ($.d = 4)) }');
  });

  it('returns the pattern unchanged (byte for byte) when there is nothing to add', () => {
    const p = '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail)}';
    expect(withExclusions(p, [])).toBe(p);
  });

  it('refuses a pattern that is not JSON', () => {
    expect(() => withExclusions('"Failed authentication"', ['$.a = 1'])).toThrow(/only be added to a JSON pattern/);
  });
});

describe('jsonPatternBody / isSelfContained', () => {
  it('finds the condition inside the braces', () => {
    expect(jsonPatternBody('  { $.a = 1 }  ')).toBe('$.a = 1');
    expect(jsonPatternBody('ERROR')).toBeUndefined();
  });

  it('accepts balanced conditions, with parentheses inside quotes ignored', () => {
    expect(isSelfContained('$.a = "x(y"')).toBe(true);
    expect(isSelfContained('($.a = 1) || ($.b = 2)')).toBe(true);
  });

  it('rejects conditions that would escape their parentheses or the pattern', () => {
    expect(isSelfContained('$.a = 1) || ($.b = 2')).toBe(false);
    expect(isSelfContained('($.a = 1')).toBe(false);
    expect(isSelfContained('$.a = 1 } || { $.b = 2')).toBe(false);
    expect(isSelfContained('$.a = "unterminated')).toBe(false);
  });
});

describe('automationExclusion', () => {
  it('keeps calls without a role session (NOT EXISTS) and drops only the named roles', () => {
    expect(automationExclusion(['deploy', 'ci'])).toBe(
      '($.userIdentity.arn NOT EXISTS) || (($.userIdentity.arn != "*:assumed-role/deploy/*") && ($.userIdentity.arn != "*:assumed-role/ci/*"))',
    );
  });
});

/**
 * Each structured form, compiled and run through the pattern engine (CloudWatch semantics: `!=` is
 * false for a missing field, NOT EXISTS true): an event without the field must still match, an event
 * with the excluded value must not, and any other value must still match.
 */
describe('structured exclusions, evaluated by the pattern engine', () => {
  const BASE = '{ $.eventName = "GetRole" }';
  const keeps = (x: Exclusion, event: Record<string, unknown>) => matches(parsePattern(withExclusions(BASE, [exclusionCondition(x)])), { eventName: 'GetRole', ...event });
  const issuer = (userName: string) => ({ userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { userName } } } });
  const iamUser = { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice', userName: 'alice' } };
  const field = 'userIdentity.sessionContext.sessionIssuer.userName';

  it('equals: compiles to NOT EXISTS || != and keeps events without the field', () => {
    const x = { field, equals: 'Scanner', reason: 'r' };
    expect(exclusionCondition(x)).toBe(`($.${field} NOT EXISTS) || ($.${field} != "Scanner")`);
    expect(keeps(x, issuer('Scanner'))).toBe(false);
    expect(keeps(x, issuer('Admin'))).toBe(true);
    expect(keeps(x, iamUser)).toBe(true);
    expect(keeps(x, {})).toBe(true);
  });

  it('equals: a * in the value is literal, not a wildcard; quotes and backslashes are escaped', () => {
    const x = { field, equals: 'Scan*', reason: 'r' };
    expect(exclusionCondition(x)).toContain('!= "Scan\\*"');
    expect(keeps(x, issuer('Scan*'))).toBe(false);
    expect(keeps(x, issuer('Scanner'))).toBe(true);
    expect(quoted('a"b\\c*', false)).toBe('"a\\"b\\\\c\\*"');
    expect(keeps({ field, equals: 'a"b', reason: 'r' }, issuer('a"b'))).toBe(false);
  });

  it('equals: a number (unquoted account id) is compared as its text', () => {
    const x = { field: 'userIdentity.accountId', equals: 111111111111, reason: 'r' };
    expect(keeps(x, { userIdentity: { accountId: '111111111111' } })).toBe(false);
    expect(keeps(x, { userIdentity: { accountId: '222222222222' } })).toBe(true);
    expect(keeps(x, {})).toBe(true);
  });

  it('like: * matches any characters, and events without the field are kept', () => {
    const x = { field: 'userIdentity.arn', like: '*:assumed-role/Scanner/*', reason: 'r' };
    expect(exclusionCondition(x)).toBe('($.userIdentity.arn NOT EXISTS) || ($.userIdentity.arn != "*:assumed-role/Scanner/*")');
    expect(keeps(x, { userIdentity: { arn: 'arn:aws:sts::111111111111:assumed-role/Scanner/run-1' } })).toBe(false);
    expect(keeps(x, { userIdentity: { arn: 'arn:aws:sts::111111111111:assumed-role/Admin/run-1' } })).toBe(true);
    expect(keeps(x, { userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' } })).toBe(true);
  });

  it('in: leaves out each listed value and keeps every other value and events without the field', () => {
    const x = { field, in: ['Scanner', 'Auditor'], reason: 'r' };
    expect(exclusionCondition(x)).toBe(`($.${field} NOT EXISTS) || (($.${field} != "Scanner") && ($.${field} != "Auditor"))`);
    expect(keeps(x, issuer('Scanner'))).toBe(false);
    expect(keeps(x, issuer('Auditor'))).toBe(false);
    expect(keeps(x, issuer('Admin'))).toBe(true);
    expect(keeps(x, iamUser)).toBe(true);
  });

  it('allOf: leaves out only events where every test holds (De Morgan: any field missing or different keeps the event)', () => {
    const x = { allOf: [{ field, equals: 'Macie' }, { field: 'errorCode', in: ['AccessDenied', 'AccessDeniedException'] }], reason: 'r' };
    expect(exclusionCondition(x)).toBe(
      `($.${field} NOT EXISTS) || ($.${field} != "Macie") || ($.errorCode NOT EXISTS) || (($.errorCode != "AccessDenied") && ($.errorCode != "AccessDeniedException"))`,
    );
    expect(keeps(x, { ...issuer('Macie'), errorCode: 'AccessDenied' })).toBe(false);
    expect(keeps(x, { ...issuer('Macie'), errorCode: 'AccessDeniedException' })).toBe(false);
    expect(keeps(x, { ...issuer('Macie'), errorCode: 'ThrottlingException' })).toBe(true);
    expect(keeps(x, issuer('Macie'))).toBe(true); // errorCode missing
    expect(keeps(x, { ...issuer('Admin'), errorCode: 'AccessDenied' })).toBe(true);
    expect(keeps(x, { ...iamUser, errorCode: 'AccessDenied' })).toBe(true); // sessionIssuer missing
  });

  it('appended to a pattern, a structured exclusion stays one operand and passes the missing-field check', () => {
    const x = { field, in: ['a', 'b'], reason: 'r' };
    const p = withExclusions('{ ($.eventName = "A") || ($.eventName = "B") }', [exclusionCondition(x)]);
    expect(isSelfContained(exclusionCondition(x))).toBe(true);
    expect(missingFieldTraps(p)).toEqual([]);
    expect(matches(parsePattern(p), { eventName: 'A', ...issuer('a') })).toBe(false);
    expect(matches(parsePattern(p), { eventName: 'B' })).toBe(true);
  });

  it('labels: the reason, else the condition', () => {
    expect(exclusionLabel({ field, equals: 'x', reason: 'the scanner' })).toBe('the scanner');
    expect(exclusionLabel('$.eventName != "X"')).toBe('$.eventName != "X"');
    expect(exclusionCondition({ condition: ' $.eventName != "X" ', reason: 'r' })).toBe('$.eventName != "X"');
  });
});

describe('missingFieldTraps', () => {
  it('finds != and numeric comparisons on fields CloudTrail may omit', () => {
    expect(missingFieldTraps('{ $.userIdentity.arn != "x" }')).toEqual([{ field: 'userIdentity.arn', operator: '!=', text: '$.userIdentity.arn != "x"' }]);
    expect(missingFieldTraps('{ ($.eventName = "A") && ($.requestParameters.count >= 3) }').map((t) => t.operator)).toEqual(['>=']);
  });

  it('accepts fields CloudTrail always writes, = tests, and negations next to NOT EXISTS of the same field', () => {
    for (const f of ALWAYS_PRESENT_FIELDS) expect(missingFieldTraps(`{ $.${f} != "x" }`)).toEqual([]);
    expect(missingFieldTraps('{ $.errorCode = "AccessDenied" }')).toEqual([]);
    expect(missingFieldTraps('{ ($.a NOT EXISTS) || (($.a != "x") && ($.a != "y")) }')).toEqual([]);
    expect(missingFieldTraps(automationExclusion(['deploy']).replace(/^/, '{ ').replace(/$/, ' }'))).toEqual([]);
  });

  it('does not count a NOT EXISTS of another field, or one joined by &&, as a guard', () => {
    expect(missingFieldTraps('{ ($.b NOT EXISTS) || ($.a != "x") }')).toHaveLength(1);
    expect(missingFieldTraps('{ ($.a NOT EXISTS) && ($.a != "x") }')).toHaveLength(1);
  });

  it('ignores patterns that are not JSON or do not parse (their syntax is reported elsewhere)', () => {
    expect(missingFieldTraps('ERROR -DEBUG')).toEqual([]);
    expect(missingFieldTraps('{ $.a != }')).toEqual([]);
  });
});
