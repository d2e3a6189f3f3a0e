/**
 * The chart series of an alarm (alarm-series.ts) against a brute-force evaluation of every step: the
 * skipping of quiet stretches and the bucketing must not change a value, and with one-step buckets
 * the chart shows exactly the datapoint of every state change the verdicts report.
 */
import fc from 'fast-check';
import { type AlarmDefinition, type MetricSeries, maxContributorSeries, stepSeconds, sumSeries } from '../../alarm-model';
import { MAX_CHART_POINTS, bucketSteps, datapointSeries } from '../alarm-series';
import { summarizeAlarm } from '../alarm-summary';

/** Every evaluation in (from, to], no skipping: the datapoint of the period ending there, bucketed by max. */
function bruteForce(def: AlarmDefinition, series: MetricSeries, from: number, to: number, k: number): (number | null)[] {
  const p = def.periodSeconds / stepSeconds(def.periodSeconds);
  const out: (number | null)[] = new Array(Math.ceil((to - from) / k)).fill(null);
  for (let t = from + 1; t <= to; t++) {
    const v = series.datapoint(t - p, t);
    if (v === undefined) continue;
    const b = Math.floor((t - from - 1) / k);
    out[b] = out[b] === null ? v : Math.max(out[b] as number, v);
  }
  return out;
}

const definition = fc.record({
  threshold: fc.integer({ min: 1, max: 6 }),
  periodSeconds: fc.constantFrom(10, 30, 60, 300, 900, 3600),
  evaluationPeriods: fc.integer({ min: 1, max: 3 }),
  treatMissingData: fc.constantFrom('notBreaching' as const, 'breaching' as const, 'ignore' as const, 'missing' as const),
}).map((d): AlarmDefinition => ({ ...d, datapointsToAlarm: d.evaluationPeriods }));

/** Counts at steps within a span (sparse or dense), and the steps the log group had events in. */
const input = fc.record({
  span: fc.integer({ min: 1, max: 600 }),
  counts: fc.array(fc.tuple(fc.nat(599), fc.integer({ min: 1, max: 5 })), { maxLength: 40 }),
  quiet: fc.array(fc.nat(599), { maxLength: 40 }),
});

describe('bucketSteps', () => {
  it('keeps one bucket per step up to MAX_CHART_POINTS steps, then the smallest round width that fits', () => {
    expect(bucketSteps(1440, 60)).toBe(1);
    expect(bucketSteps(MAX_CHART_POINTS, 60)).toBe(1);
    expect(bucketSteps(7 * 1440, 60)).toBe(10);
    expect(bucketSteps(30 * 1440, 60)).toBe(30);
    expect(bucketSteps(365 * 1440, 60)).toBe(360);
    expect(bucketSteps(10 * 365 * 1440, 60)).toBe(1440 * 2);
    // High-resolution alarms (10 s step): a day is 8,640 steps, drawn per minute.
    expect(bucketSteps(8640, 10)).toBe(6);
    expect(bucketSteps(180, 30)).toBe(1);
  });

  it('never exceeds the point budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(10, 30, 60), (steps, step) => {
        expect(Math.ceil(steps / bucketSteps(steps, step))).toBeLessThanOrEqual(MAX_CHART_POINTS);
      }),
    );
  });
});

describe('datapointSeries', () => {
  it('equals the brute-force evaluation of every step, for Sum and MaxContributorValue series, with any bucket width', () => {
    fc.assert(
      fc.property(definition, input, fc.integer({ min: 5, max: 700 }), (def, { span, counts, quiet }, maxPoints) => {
        const base = 29_000_000; // a minute in 2025: steps are absolute, as in replay
        const perStep = new Map<number, number>();
        const keyed = new Map<number, Map<string, number>>();
        counts.forEach(([s, c], i) => {
          const step = base + (s % span);
          perStep.set(step, (perStep.get(step) ?? 0) + c);
          const byKey = keyed.get(step) ?? keyed.set(step, new Map()).get(step)!;
          byKey.set(`k${i % 3}`, (byKey.get(`k${i % 3}`) ?? 0) + c);
        });
        const reported = quiet.map((s) => base + (s % span));
        const from = base;
        const to = base + span;
        for (const series of [sumSeries(perStep, reported, from), maxContributorSeries(keyed)]) {
          const chart = datapointSeries(def, series, from, to, maxPoints);
          const k = bucketSteps(span, stepSeconds(def.periodSeconds), maxPoints);
          expect(chart.values).toEqual(bruteForce(def, series, from, to, k));
          expect(chart.start).toBe((from + 1) * stepSeconds(def.periodSeconds) * 1000);
          expect(chart.bucketMs).toBe(k * stepSeconds(def.periodSeconds) * 1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with one step per bucket, shows at each state change the datapoint the verdict reports', () => {
    fc.assert(
      fc.property(definition, input, (def, { span, counts, quiet }) => {
        const base = 29_000_000;
        const perStep = new Map<number, number>();
        for (const [s, c] of counts) perStep.set(base + (s % span), (perStep.get(base + (s % span)) ?? 0) + c);
        const series = sumSeries(perStep, quiet.map((s) => base + (s % span)), base);
        const summary = summarizeAlarm(def, series, base, base + span, { chart: true });
        const chart = summary.series!;
        expect(chart.bucketMs).toBe(stepSeconds(def.periodSeconds) * 1000);
        for (const t of summary.transitions) {
          const v = chart.values[(t.time - chart.start) / chart.bucketMs];
          expect(v).toBe(t.value ?? null);
        }
        expect(Math.max(0, ...chart.values.map((v) => v ?? 0))).toBeLessThanOrEqual(summary.maxDatapoint);
      }),
      { numRuns: 300 },
    );
  });

  it('is left out of the summary unless asked for', () => {
    const series = sumSeries(new Map([[100, 3]]), [100], 99);
    const def: AlarmDefinition = { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' };
    expect(summarizeAlarm(def, series, 99, 110).series).toBeUndefined();
    expect(summarizeAlarm(def, series, 99, 110, { chart: true }).series?.values).toEqual([0, 3, 3, 3, 3, 3, null, null, null, null, null]);
  });

  it('draws a year of minutes in at most MAX_CHART_POINTS buckets, quickly, skipping quiet stretches', () => {
    const base = 29_000_000;
    const year = 365 * 1440;
    const perStep = new Map<number, number>();
    for (let s = 0; s < year; s += 997) perStep.set(base + s, 1 + (s % 7));
    const def: AlarmDefinition = { threshold: 5, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' };
    const started = performance.now();
    const chart = datapointSeries(def, sumSeries(perStep, perStep.keys(), base), base, base + year);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(chart.values.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(chart.bucketMs).toBe(360 * 60_000);
    expect(Math.max(...chart.values.map((v) => v ?? 0))).toBe(7);
  });
});
