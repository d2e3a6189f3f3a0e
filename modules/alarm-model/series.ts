/**
 * The metrics trailwatch alarms watch, as MetricSeries for evaluateTimeline: built from counts per
 * evaluation step (a minute, or the period when it is shorter).
 */
import type { MetricSeries } from './evaluate';

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A Sum metric: `counts` per step, reported in the steps listed in `reported` (a count of 0 where a
 * step is reported without a count) and missing elsewhere.
 * - A metric filter's metric (Sum of matches): reported = the steps in which the log group received
 *   any log event. The CloudWatch Logs guide on metric filters: the default value is "reported to the
 *   metric filter during a period when logs are ingested but no matching logs are found"; no log
 *   events, no datapoint. trailwatch filters set a default value of 0.
 * - IncomingLogEvents (AWS/Logs): counts = log events per step, reported where there were any.
 * @param reportedBefore steps before this are taken as reported with count 0 (the log group was
 *   active before the replayed input, which the replay cannot see). @default no such assumption
 */
export function sumSeries(counts: ReadonlyMap<number, number>, reported: Iterable<number>, reportedBefore = -Infinity): MetricSeries {
  const steps = [...new Set([...reported, ...counts.keys()])].sort((a, b) => a - b);
  if (steps.length > 0 && steps[steps.length - 1] - steps[0] < 4 * steps.length + 1024) return denseSumSeries(steps, counts, reportedBefore);
  const cumulative = new Float64Array(steps.length + 1);
  for (let i = 0; i < steps.length; i++) cumulative[i + 1] = cumulative[i] + (counts.get(steps[i]) ?? 0);
  return {
    activeSteps: steps,
    datapoint(from, to) {
      const i = lowerBound(steps, from);
      const j = lowerBound(steps, to);
      if (i === j && from >= reportedBefore) return undefined;
      return cumulative[j] - cumulative[i];
    },
  };
}

/**
 * sumSeries for data that fills most steps of its span (a log group receiving events most minutes):
 * prefix sums indexed by step, so a datapoint costs two lookups instead of two binary searches.
 */
function denseSumSeries(steps: readonly number[], counts: ReadonlyMap<number, number>, reportedBefore: number): MetricSeries {
  const base = steps[0];
  const size = steps[steps.length - 1] - base + 1;
  const sum = new Float64Array(size + 1);
  const reportedSteps = new Uint32Array(size + 1);
  let k = 0;
  for (let i = 0; i < size; i++) {
    const isReported = k < steps.length && steps[k] === base + i;
    if (isReported) k++;
    sum[i + 1] = sum[i] + (isReported ? (counts.get(base + i) ?? 0) : 0);
    reportedSteps[i + 1] = reportedSteps[i] + (isReported ? 1 : 0);
  }
  const at = (step: number): number => Math.min(Math.max(step - base, 0), size);
  return {
    activeSteps: steps,
    datapoint(from, to) {
      const i = at(from);
      const j = at(to);
      if (reportedSteps[j] === reportedSteps[i] && from >= reportedBefore) return undefined;
      return sum[j] - sum[i];
    },
  };
}

/**
 * A Contributor Insights rule's `MaxContributorValue`: per period, the count of its largest
 * contributor. A period in which the rule matched no log event has no contributor and no datapoint.
 * @param perStep per step, the count of each contributor key in that step
 */
export function maxContributorSeries(perStep: ReadonlyMap<number, ReadonlyMap<string, number>>): MetricSeries {
  const steps = [...perStep.keys()].sort((a, b) => a - b);
  return {
    activeSteps: steps,
    datapoint(from, to) {
      const i = lowerBound(steps, from);
      const j = lowerBound(steps, to);
      if (i === j) return undefined;
      if (j === i + 1) return Math.max(...(perStep.get(steps[i]) as ReadonlyMap<string, number>).values());
      const totals = new Map<string, number>();
      let max = 0;
      for (let k = i; k < j; k++) {
        for (const [key, count] of perStep.get(steps[k]) as ReadonlyMap<string, number>) {
          const total = (totals.get(key) ?? 0) + count;
          totals.set(key, total);
          if (total > max) max = total;
        }
      }
      return max;
    },
  };
}

/** The key with the largest count over steps [from, to) (ties: the first in key order), for reports. */
export function topContributor(perStep: ReadonlyMap<number, ReadonlyMap<string, number>>, from: number, to: number): { key: string; count: number } | undefined {
  const totals = new Map<string, number>();
  for (const [s, counts] of perStep) {
    if (s < from || s >= to) continue;
    for (const [key, count] of counts) totals.set(key, (totals.get(key) ?? 0) + count);
  }
  let best: { key: string; count: number } | undefined;
  for (const [key, count] of totals) if (!best || count > best.count || (count === best.count && key < best.key)) best = { key, count };
  return best;
}
