/**
 * Conformance of the built-in detections: in both compliance modes, every built-in pattern is run
 * through the pattern engine against every CloudTrail fixture that states an expectation for that
 * detection (__tests__/fixtures/cloudtrail, format in __tests__/fixtures/README.md). One test per
 * (mode, detection, fixture). A failure here means a pattern misses an event it must catch, or fires
 * on a near miss: fix the pattern (or, if the fixture is wrong, the fixture with its source), never
 * just the expectation.
 */
import { expectationFor, loadCloudTrailFixtures, type CloudTrailFixture } from '../../../__tests__/support/fixtures';
import { compileMatcher, matches, parsePattern, type FilterPattern, type LogEvent } from '../../patterns';
import { builtInDetections, COMPLIANCE_MODES, type ComplianceMode } from '../catalogue';

/** The built-in ids the catalogue promises (docs/api): listed here, so a dropped detection fails. */
const PROMISED_IDS = [
  'iam-console-mfa-failure',
  'identity-center-mfa-failure',
  'console-sign-in-failures',
  'root-usage',
  'console-sign-in-without-mfa',
  'unauthorized-api-calls',
  'iam-policy-changes',
  'cloudtrail-changes',
  'kms-key-disable-or-deletion',
  's3-bucket-policy-changes',
  'config-changes',
  'security-group-changes',
  'nacl-changes',
  'network-gateway-changes',
  'route-table-changes',
  'vpc-changes',
  'organizations-changes',
];
const MIN_PER_SIDE = 3;

const fixtures = loadCloudTrailFixtures();

function casesFor(id: string, mode: ComplianceMode): [string, CloudTrailFixture, boolean][] {
  return fixtures.flatMap((f) => {
    const expected = expectationFor(f, id, mode);
    return expected === undefined ? [] : [[`${expected ? 'matches' : 'does not match'} ${f.name}`, f, expected] as [string, CloudTrailFixture, boolean]];
  });
}

describe('fixtures', () => {
  test('load, and name only built-in detection ids', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    const unknown = fixtures.flatMap((f) =>
      [...Object.keys(f.expect), ...Object.keys(f.expectTuned ?? {})].filter((id) => !PROMISED_IDS.includes(id)).map((id) => `${f.file}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test('the catalogue has exactly the promised built-in ids, in both modes', () => {
    for (const mode of COMPLIANCE_MODES) expect(builtInDetections(mode).map((d) => d.id).sort()).toEqual([...PROMISED_IDS].sort());
  });

  test.each(COMPLIANCE_MODES.flatMap((mode) => PROMISED_IDS.map((id) => [mode, id] as const)))(
    `%s: %s has at least ${MIN_PER_SIDE} must-match and ${MIN_PER_SIDE} must-not-match events`,
    (mode, id) => {
      const cases = casesFor(id, mode);
      const counts = { mustMatch: cases.filter(([, , e]) => e).length, mustNotMatch: cases.filter(([, , e]) => !e).length };
      expect(counts.mustMatch).toBeGreaterThanOrEqual(MIN_PER_SIDE);
      expect(counts.mustNotMatch).toBeGreaterThanOrEqual(MIN_PER_SIDE);
    },
  );
});

describe.each(COMPLIANCE_MODES)('%s mode', (mode) => {
  describe.each(builtInDetections(mode).map((d) => [d.id, d.pattern] as const))('%s', (id, patternText) => {
    let pattern: FilterPattern;
    let compiled: (event: LogEvent) => boolean;
    beforeAll(() => {
      // Parsed once per detection; a syntax error fails every case below with the engine's caret message.
      pattern = parsePattern(patternText);
      compiled = compileMatcher(pattern);
    });

    test.each(casesFor(id, mode))('%s', (_title, fixture, expected) => {
      // CloudWatch sees the record as JSON text; replay hands the engine parsed objects. Both must agree,
      // and so must the compiled fast path. The notes say why the expectation is what it is.
      const outcome = {
        asObject: matches(pattern, fixture.event),
        asText: matches(pattern, JSON.stringify(fixture.event)),
        compiled: compiled(fixture.event),
      };
      expect({ fixture: fixture.file, notes: fixture.notes, ...outcome }).toEqual({
        fixture: fixture.file,
        notes: fixture.notes,
        asObject: expected,
        asText: expected,
        compiled: expected,
      });
    });
  });
});
