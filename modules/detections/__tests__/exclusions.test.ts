import { automationExclusion, isSelfContained, jsonPatternBody, withExclusions } from '../exclusions';

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
