/**
 * The Globex example's scanner exclusion, on real CloudTrail records: it must leave out the scanner
 * role's denied calls and nothing else. The form it replaced (`sessionIssuer.userName != "GlobexScanner"`)
 * dropped every denied call by an IAM user or root, which have no sessionContext (issue 14).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadExamples } from '../../../config/__tests__/examples';
import { CLOUDTRAIL_FIXTURES_DIR } from '../../../__tests__/support/fixtures';
import { matches, parsePattern } from '../../patterns';
import { withExclusions } from '../exclusions';
import { missingFieldTraps } from '../missing-fields';
import { resolveDetections } from '../../../config/modules/detections/resolve';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(CLOUDTRAIL_FIXTURES_DIR, `${name}.json`), 'utf8')).event as Record<string, any>;
const globex = loadExamples().find((e) => e.env.name === 'globex-prod')!.env;
const unauthorized = resolveDetections(globex.detections).find((r) => r.detection.id === 'unauthorized-api-calls')!;
const globexPattern = parsePattern(unauthorized.detection.pattern);

/** A role session's denied call, re-issued as the Globex scanner role. */
function asScanner(event: Record<string, any>): Record<string, any> {
  const issuer = { ...event.userIdentity.sessionContext.sessionIssuer, userName: 'GlobexScanner', arn: 'arn:aws:iam::444444444444:role/GlobexScanner' };
  return {
    ...event,
    userIdentity: { ...event.userIdentity, arn: 'arn:aws:sts::444444444444:assumed-role/GlobexScanner/scan-1', sessionContext: { ...event.userIdentity.sessionContext, sessionIssuer: issuer } },
  };
}

describe('globex-prod unauthorized-api-calls exclusion', () => {
  const iamUserDenied = fixture('panther-lambda-listfunctions-accessdenied');
  const iamUserAssumeRoleDenied = fixture('sts-assumerole-accessdenied');
  const roleDenied = fixture('panther-secretsmanager-getsecretvalue-accessdenied');

  it('is written as structured data with a reason', () => {
    expect(globex.detections.exclusions['unauthorized-api-calls']).toEqual([
      expect.objectContaining({ field: 'userIdentity.sessionContext.sessionIssuer.userName', equals: 'GlobexScanner', reason: expect.any(String) }),
    ]);
  });

  it("still matches an IAM user's denied calls (no sessionContext)", () => {
    expect(iamUserDenied.userIdentity).toMatchObject({ type: 'IAMUser' });
    expect(iamUserDenied.userIdentity.sessionContext).toBeUndefined();
    expect(matches(globexPattern, iamUserDenied)).toBe(true);
    expect(iamUserAssumeRoleDenied.userIdentity.type).toBe('IAMUser');
    expect(matches(globexPattern, iamUserAssumeRoleDenied)).toBe(true);
  });

  it("still matches other roles' denied calls, and not the scanner's", () => {
    expect(matches(globexPattern, roleDenied)).toBe(true);
    expect(matches(globexPattern, asScanner(roleDenied))).toBe(false);
  });

  it('the free-form condition it replaced would have dropped the IAM user (why config loading now rejects it)', () => {
    const old = parsePattern(withExclusions(unauthorized.basePattern, ['$.userIdentity.sessionContext.sessionIssuer.userName != "GlobexScanner"']));
    expect(matches(old, iamUserDenied)).toBe(false);
    expect(matches(old, roleDenied)).toBe(true);
  });
});

describe.each(loadExamples().map((e) => [e.env.name, e.env] as const))('exclusions of example %s', (_name, env) => {
  it('never leave out events that lack the excluded field (no unguarded negation on a field CloudTrail may omit)', () => {
    for (const r of resolveDetections(env.detections)) {
      for (const x of r.exclusions) expect({ id: r.detection.id, source: x.source, traps: missingFieldTraps(`{ ${x.condition} }`) }).toEqual({ id: r.detection.id, source: x.source, traps: [] });
    }
  });
});
