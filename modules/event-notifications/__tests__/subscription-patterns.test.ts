/**
 * The subscription filter passes the function exactly the events some notifying detection matches:
 * the OR of their patterns, evaluated by the pattern engine on every CloudTrail fixture, agrees with
 * the detections one by one (in both compliance modes, and split across two filters).
 */
import { loadCloudTrailFixtures } from '../../../__tests__/support/fixtures';
import { builtInDetections, COMPLIANCE_MODES } from '../../detections/catalogue';
import { matches, parsePattern } from '../../patterns';
import { DEFAULT_PER_EVENT_DETECTIONS } from '../props';
import { subscriptionPatterns } from '../subscription-patterns';

const fixtures = loadCloudTrailFixtures();

describe.each(COMPLIANCE_MODES)('%s mode', (mode) => {
  /** The built-ins, in catalogue order, as many as two subscription filters hold. */
  const twoFiltersWorth = () => {
    const all = builtInDetections(mode);
    let n = 1;
    while (n < all.length && subscriptionPatterns(all.slice(0, n + 1), 0).problems.length === 0) n++;
    return all.slice(0, n);
  };

  it.each([
    ['the default detections', 1, () => builtInDetections(mode).filter((d) => DEFAULT_PER_EVENT_DETECTIONS.includes(d.id))],
    ['as many built-ins as two filters hold', 2, twoFiltersWorth],
  ])('%s: the filters pass an event exactly when one detection matches it', (_what, filters, chosen) => {
    const detections = chosen();
    const { patterns, problems } = subscriptionPatterns(detections, 0);
    expect(problems).toEqual([]);
    expect(patterns).toHaveLength(filters);
    const parsed = patterns.map((p) => parsePattern(p.pattern));
    const own = detections.map((d) => parsePattern(d.pattern));
    let passed = 0;
    for (const f of fixtures) {
      const expected = own.some((p) => matches(p, f.event));
      expect({ file: f.file, passed: parsed.some((p) => matches(p, f.event)) }).toEqual({ file: f.file, passed: expected });
      if (expected) passed++;
    }
    expect(passed).toBeGreaterThan(5);
  });
});
