/**
 * Conformance with the AWS documentation's own examples (fixtures/aws-doc-examples.json): every pattern
 * parses and matches exactly the events the page says it matches, as raw text and as a parsed object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileMatcher, parsePattern, tryParsePattern, type LogEvent } from '..';

interface DocCase {
  pattern: string;
  matches: number[];
  doc?: string;
  deviation?: string;
  trailwatchMatches?: number[];
  trailwatchError?: string;
}
interface DocGroup {
  section: string;
  events: LogEvent[];
  cases: DocCase[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'aws-doc-examples.json'), 'utf8')) as { source: string; groups: DocGroup[] };

/** Every way an event can reach the engine: as given, and (for objects) as its JSON text. */
function forms(event: LogEvent): LogEvent[] {
  return typeof event === 'string' ? [event] : [event, JSON.stringify(event), JSON.stringify(event, null, 2)];
}

describe('AWS documentation examples', () => {
  it('has a source note and cases', () => {
    expect(fixture.source).toMatch(/awsdocs\/amazon-cloudwatch-logs-user-guide/);
    expect(fixture.groups.flatMap((g) => g.cases).length).toBeGreaterThan(40);
  });

  for (const group of fixture.groups) {
    describe(group.section, () => {
      for (const c of group.cases) {
        if (c.trailwatchError) {
          it(`rejects ${JSON.stringify(c.pattern)} (deviation: ${c.deviation})`, () => {
            const r = tryParsePattern(c.pattern);
            expect(r.error?.reason).toContain(c.trailwatchError);
          });
          continue;
        }
        const expected = c.trailwatchMatches ?? c.matches;
        it(`${JSON.stringify(c.pattern)} matches events ${JSON.stringify(expected)}${c.deviation ? ' (deviation, see fixture)' : ''}`, () => {
          const pattern = parsePattern(c.pattern);
          const matcher = compileMatcher(pattern);
          const matched = group.events.map((_, i) => i).filter((i) => forms(group.events[i]).every((e) => matcher(e)));
          const matchedAnyForm = group.events.map((_, i) => i).filter((i) => forms(group.events[i]).some((e) => matcher(e)));
          expect(matched).toEqual(expected);
          expect(matchedAnyForm).toEqual(expected);
        });
      }
    });
  }
});
