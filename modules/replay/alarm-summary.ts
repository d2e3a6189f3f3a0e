/**
 * What replay reports about one alarm: its state changes over the input, from the one evaluation
 * engine (modules/alarm-model), and whether the count of notifications depends on the evaluation
 * range, the one number the CloudWatch documentation leaves open.
 */
import { type AlarmDefinition, type AlarmState, EXTRA_DATAPOINTS, type MetricSeries, evaluateTimeline } from '../alarm-model';
import { type AlarmSeries, datapointSeries } from './alarm-series';

export interface ReplayTransition {
  /** When the evaluation ran (ms): the end of the minute (or high-resolution period) it covered. */
  readonly time: number;
  readonly from: AlarmState;
  readonly to: AlarmState;
  /** The newest datapoint of that evaluation (undefined: missing). */
  readonly value?: number;
}

/** What replay reports of one alarm: its ALARM transitions (notifications) and largest datapoint. */
export interface AlarmSummary {
  /** Transitions to ALARM: each is one notification. */
  readonly alarms: number;
  /** When the count depends on the evaluation range: the counts with N and with 2N + 2 datapoints. */
  readonly alarmsIfRange?: { readonly n: number; readonly wide: number };
  /** Evaluations whose verdict depends on the evaluation range. */
  readonly rangeDependent: number;
  /** Largest datapoint (Sum of matches, MaxContributorValue ...) over the input. */
  readonly maxDatapoint: number;
  readonly transitions: ReplayTransition[];
  /** The datapoints evaluated, bucketed for a chart (only when asked for: `{ chart: true }`, the HTML report). */
  readonly series?: AlarmSeries;
}

/** What to add to an alarm summary beyond its verdicts. */
export interface SummaryOptions {
  /** Also return the evaluated datapoints as a chart series (AlarmSummary.series). @default false */
  readonly chart?: boolean;
}

export function summarizeAlarm(def: AlarmDefinition, series: MetricSeries, fromStep: number, toStep: number, options: SummaryOptions = {}): AlarmSummary {
  const timeline = evaluateTimeline(def, series, { fromStep, toStep });
  const alarmCount = (ts: readonly { to: AlarmState }[]): number => ts.filter((t) => t.to === 'ALARM').length;
  const alarms = alarmCount(timeline.transitions);
  let alarmsIfRange: AlarmSummary['alarmsIfRange'];
  if (timeline.rangeDependent.length > 0) {
    const n = alarmCount(evaluateTimeline(def, series, { fromStep, toStep, extraDatapoints: 0 }).transitions);
    const wide = alarmCount(evaluateTimeline(def, series, { fromStep, toStep, extraDatapoints: def.evaluationPeriods + EXTRA_DATAPOINTS }).transitions);
    if (n !== alarms || wide !== alarms) alarmsIfRange = { n, wide };
  }
  return {
    alarms,
    ...(alarmsIfRange ? { alarmsIfRange } : {}),
    rangeDependent: timeline.rangeDependent.length,
    maxDatapoint: timeline.maxDatapoint,
    transitions: timeline.transitions.map((t) => ({ time: t.time, from: t.from, to: t.to, value: t.datapoints[t.datapoints.length - 1] })),
    ...(options.chart ? { series: datapointSeries(def, series, fromStep, toStep) } : {}),
  };
}
