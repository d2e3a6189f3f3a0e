/**
 * The datapoints an alarm evaluated, as a chart draws them (the HTML report): one value per bucket
 * of evaluations, the largest datapoint of the bucket, so a threshold crossing is never averaged away.
 * A bucket is one evaluation step (a minute) while the input is short enough; for longer inputs the
 * bucket grows to a round duration so that a chart holds at most MAX_CHART_POINTS values.
 */
import { type AlarmDefinition, type MetricSeries, stepSeconds } from '../alarm-model';

/** The datapoints of one alarm over the input, bucketed for a chart. */
export interface AlarmSeries {
  /** Time (ms) of the first evaluation: the end of the first evaluated step, as transition times. */
  readonly start: number;
  /** Width of a bucket (ms): the evaluation step, or a round multiple of it for long inputs. */
  readonly bucketMs: number;
  /**
   * Per bucket (the evaluations at start + k bucketMs up to, not including, the next bucket), the
   * largest datapoint evaluated; null where every datapoint of the bucket was missing (no log event
   * reached the log group in the period, so the metric had no value).
   */
  readonly values: (number | null)[];
}

/** At most this many values per chart: a day of minutes fits (1,440), a week is drawn in 10-minute buckets. */
export const MAX_CHART_POINTS = 2000;

/** Bucket widths (seconds) a person reads easily; past a day, whole days. */
const ROUND_BUCKETS = [10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** The smallest round bucket (a multiple of the step) that puts `steps` evaluations in at most `maxPoints` buckets. */
export function bucketSteps(steps: number, stepSecs: number, maxPoints = MAX_CHART_POINTS): number {
  for (const seconds of ROUND_BUCKETS) {
    if (seconds % stepSecs !== 0) continue;
    const k = seconds / stepSecs;
    if (Math.ceil(steps / k) <= maxPoints) return k;
  }
  const day = 86_400 / stepSecs;
  return day * Math.ceil(steps / day / maxPoints);
}

/**
 * The datapoint of every evaluation in (fromStep, toStep] (the period ending at each step boundary,
 * as evaluateTimeline retrieves it), bucketed. Where no active step of the series is within a period
 * of an evaluation its datapoint is missing, so those stretches are skipped, as evaluateTimeline
 * skips them; the first period after fromStep is always evaluated, because the series built by
 * replay report 0 (not missing) for steps before their first one.
 */
export function datapointSeries(def: AlarmDefinition, series: MetricSeries, fromStep: number, toStep: number, maxPoints = MAX_CHART_POINTS): AlarmSeries {
  const stepSecs = stepSeconds(def.periodSeconds);
  const p = def.periodSeconds / stepSecs;
  const steps = Math.max(0, toStep - fromStep);
  const k = bucketSteps(steps, stepSecs, maxPoints);
  const values: (number | null)[] = new Array(Math.ceil(steps / k)).fill(null);
  const active = series.activeSteps;
  let next = 0;
  let t = fromStep + 1;
  while (t <= toStep) {
    while (next < active.length && active[next] < t - p) next++;
    if (t > fromStep + p && !(next < active.length && active[next] < t)) {
      // No active step in [t - p, t): missing until the next active step enters the period.
      if (next === active.length) break;
      t = active[next] + 1;
      continue;
    }
    const v = series.datapoint(t - p, t);
    if (v !== undefined) {
      const b = Math.floor((t - fromStep - 1) / k);
      const old = values[b];
      if (old === null || v > old) values[b] = v;
    }
    t++;
  }
  return { start: (fromStep + 1) * stepSecs * 1000, bucketMs: k * stepSecs * 1000, values };
}
