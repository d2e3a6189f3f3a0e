/**
 * The subscription filter patterns: the OR of the notifying detections' patterns, so CloudWatch Logs
 * sends the function only events some detection can match. CloudWatch Logs allows 2 subscription
 * filters per log group and 1024 characters per pattern (PutSubscriptionFilter, filterPattern;
 * CloudWatch Logs quotas), so when the OR is too long the detections are split across a second
 * filter, if the log group has one free. Each pattern is then parsed by our engine (modules/patterns),
 * the one that evaluates them in the function, so a pattern CloudWatch would reject fails at synth.
 */
import type { Problem } from '../common/errors';
import type { Detection } from '../detections/detection';
import { jsonPatternBody } from '../detections/exclusions';
import { MAX_PATTERN_LENGTH, tryParsePattern } from '../patterns/parse';
import { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from '../common/cloudwatch-limits';

export { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP };

/** One subscription filter's pattern: the OR of the patterns of the detections it carries. */
export interface SubscriptionPattern {
  readonly pattern: string;
  /** The detections whose patterns it ORs. */
  readonly detectionIds: string[];
}

const orOf = (bodies: readonly string[]) => `{ ${bodies.map((b) => `(${b})`).join(' || ')} }`;

/**
 * The patterns, fewest filters first (detections in their given order, packed greedily), or the
 * problems: a detection whose pattern is not JSON, more filters than the log group has free, or a
 * combined pattern our engine rejects.
 */
export function subscriptionPatterns(
  detections: readonly Pick<Detection, 'id' | 'pattern'>[],
  existingFilters: number,
): { patterns: SubscriptionPattern[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const bodies: { id: string; body: string; pattern: string }[] = [];
  for (const d of detections) {
    const body = jsonPatternBody(d.pattern);
    if (body === undefined) {
      problems.push({ path: `detections[${d.id}].pattern`, message: `must be a JSON pattern ({ ... }) to notify per event: the OR of several detections is written in JSON pattern syntax` });
    } else bodies.push({ id: d.id, body, pattern: d.pattern.trim() });
  }
  if (problems.length > 0) return { patterns: [], problems };
  if (bodies.length === 0) return { patterns: [], problems: [{ path: 'detections', message: 'must name at least one detection: with none, there is nothing to notify' }] };

  const groups: (typeof bodies)[] = [];
  for (const b of bodies) {
    const current = groups[groups.length - 1];
    if (current && orOf([...current, b].map((x) => x.body)).length <= MAX_PATTERN_LENGTH) current.push(b);
    else groups.push([b]);
  }
  const patterns = groups.map((g) => ({
    // A detection alone keeps its own pattern text, which already passed its own checks.
    pattern: g.length === 1 ? g[0].pattern : orOf(g.map((x) => x.body)),
    detectionIds: g.map((x) => x.id),
  }));
  const free = MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP - existingFilters;
  if (patterns.length > free) {
    const total = orOf(bodies.map((b) => b.body)).length;
    problems.push({
      path: 'detections',
      message:
        `the OR of the ${bodies.length} detections' patterns is ${total} characters and needs ${patterns.length} subscription filters of at most ${MAX_PATTERN_LENGTH} characters, ` +
        `but the log group has ${free} free (CloudWatch Logs allows ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP}; ${existingFilters} already used): notify fewer detections, or shorten their exclusions`,
    });
  }
  patterns.forEach((p, i) => {
    const parsed = tryParsePattern(p.pattern);
    if (parsed.error) problems.push({ path: `subscriptionFilters[${i}]`, message: `the pattern for ${p.detectionIds.join(', ')} is invalid: ${parsed.error.explain()}` });
  });
  return { patterns, problems };
}
