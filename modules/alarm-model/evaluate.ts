/**
 * CloudWatch metric alarm evaluation, modelled from the CloudWatch User Guide, for anything in
 * trailwatch that predicts alarms (replay, and later the pull-request review and the per-event
 * function): one copy of the arithmetic. Pure: no config, no I/O, no cdktf.
 *
 * What the documentation says, and how it is modelled here:
 *
 * - "Alarm evaluation window": "When CloudWatch evaluates a metric alarm, it retrieves metric data for
 *   a time range called the evaluation window. The length of the window is Period multiplied by
 *   Evaluation Periods." `SlidingWindow` is the default: "The window advances each time the alarm is
 *   evaluated, forming a rolling time window." An alarm with a period of a minute or more is evaluated
 *   every minute. Model: at every minute boundary t the datapoints are the metric aggregated over
 *   [t - period, t), [t - 2 period, t - period), ... (periods ending at t, not aligned on the clock),
 *   so three events at 08:03:10, 08:04:20 and 08:06:05 are one 5-minute datapoint of Sum 3 at 08:07.
 *   A period of 10 or 30 seconds (high resolution) is evaluated every period.
 * - "Evaluating an alarm": "Datapoints to Alarm is the number of data points within the evaluation
 *   period that must be breaching to cause the alarm to go to the ALARM state. The breaching data
 *   points do not have to be consecutive" (M of N).
 * - "How alarm state is evaluated when data is missing" (awsdocs/amazon-cloudwatch-user-guide,
 *   doc_source/AlarmThatSendsEmail.md): "CloudWatch attempts to retrieve a higher number of data
 *   points than specified by Evaluation Periods. The exact number ... depends on the length of the
 *   alarm period and whether it is based on a metric with standard resolution or high resolution.
 *   The timeframe of the data points that it attempts to retrieve is the evaluation range."
 *   + "If no data points in the evaluation range are missing, CloudWatch evaluates the alarm based on
 *     the most recent data points collected."
 *   + "If some data points in the evaluation range are missing, but the number of existing data
 *     points retrieved is equal to or more than the alarm's Evaluation Periods, CloudWatch evaluates
 *     the alarm state based on the most recent existing data points that were successfully retrieved."
 *   + "If some data points in the evaluation range are missing, and the number of existing data points
 *     that were retrieved is lower than the alarm's number of evaluation periods, CloudWatch fills in
 *     the missing data points with the result you specified for how to treat missing data ... any real
 *     data points in the evaluation range, no matter when they were reported, are included in the
 *     evaluation. CloudWatch uses missing data points only as few times as possible."
 *   + "If fewer than the value of Datapoints to Alarm are breaching, the alarm state is set to OK.
 *     Otherwise, the state is set to ALARM."
 *   The documentation's example retrieves 5 datapoints for 3 evaluation periods; the size of the
 *   range for other settings is not documented. Chosen: N + 2 (EXTRA_DATAPOINTS). Every evaluation is
 *   also made with a range of N and of 2N + 2; when their verdicts differ the evaluation is reported
 *   as depending on the range.
 *   For `missing` and `ignore` with fewer than N real datapoints, the documented tables (tested row by
 *   row in __tests__/documented-tables.test.ts) give: OK when a real datapoint is not breaching;
 *   for `ignore`, the current state kept when every real one breaches; for `missing`, ALARM when the
 *   breaching datapoints are all older than the newest N slots (the table's `X - - - -`) and
 *   INSUFFICIENT_DATA otherwise (`- - - - X`). That last split is the tables' own and is kept as
 *   written.
 * - "Alarm states": INSUFFICIENT_DATA — "The alarm has just started": every timeline starts there.
 *   Notifications go out on state changes (AlarmThatSendsEmail.md: "For Amazon SNS notifications, no
 *   additional actions are invoked"), so each transition to ALARM is one notification.
 */

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** CloudWatch `TreatMissingData`. */
export type TreatMissingData = 'notBreaching' | 'breaching' | 'ignore' | 'missing';

/** The comparison operators of a CloudWatch metric alarm that trailwatch alarms use. */
export type ComparisonOperator = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

/** The settings of a metric alarm that decide its state (as in PutMetricAlarm). */
export interface AlarmDefinition {
  readonly threshold: number;
  /** @default GreaterThanOrEqualToThreshold (every trailwatch detection alarm) */
  readonly comparisonOperator?: ComparisonOperator;
  /** 10, 30 or a multiple of 60. */
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/** Datapoints retrieved beyond evaluationPeriods: the documentation's example (5 for 3). */
export const EXTRA_DATAPOINTS = 2;

/** Whether one datapoint breaches the alarm's threshold under its comparison operator. */
export function breaches(def: AlarmDefinition, value: number): boolean {
  switch (def.comparisonOperator ?? 'GreaterThanOrEqualToThreshold') {
    case 'GreaterThanOrEqualToThreshold':
      return value >= def.threshold;
    case 'GreaterThanThreshold':
      return value > def.threshold;
    case 'LessThanThreshold':
      return value < def.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= def.threshold;
  }
}

/**
 * One evaluation. `datapoints` is the evaluation range, oldest first (undefined = missing); its length
 * is the range size (at least evaluationPeriods).
 */
export function nextState(def: AlarmDefinition, datapoints: readonly (number | undefined)[], current: AlarmState): AlarmState {
  return nextStateIn(def, datapoints, 0, datapoints.length, current);
}

/** nextState over datapoints[from, to) without copying them (the timeline evaluates three ranges per minute). */
function nextStateIn(def: AlarmDefinition, datapoints: readonly (number | undefined)[], from: number, to: number, current: AlarmState): AlarmState {
  const n = def.evaluationPeriods;
  const m = def.datapointsToAlarm;
  let present = 0;
  let realBad = 0;
  // The most recent n real datapoints, newest first: they decide when there are at least n.
  let newestBad = 0;
  for (let i = to - 1; i >= from; i--) {
    const v = datapoints[i];
    if (v === undefined) continue;
    const bad = breaches(def, v);
    present++;
    if (bad) realBad++;
    if (bad && present <= n) newestBad++;
  }
  if (present >= n) return newestBad >= m ? 'ALARM' : 'OK';
  const tmd = def.treatMissingData;
  if (present === 0) {
    if (tmd === 'missing') return 'INSUFFICIENT_DATA';
    if (tmd === 'ignore') return current;
    return tmd === 'breaching' ? 'ALARM' : 'OK';
  }
  if (tmd === 'breaching' || tmd === 'notBreaching') {
    const filled = realBad + (tmd === 'breaching' ? n - present : 0);
    return filled >= m ? 'ALARM' : 'OK';
  }
  if (realBad >= m) return 'ALARM';
  if (realBad < present) return 'OK';
  if (tmd === 'ignore') return current;
  for (let i = Math.max(from, to - n); i < to; i++) if (datapoints[i] !== undefined) return 'INSUFFICIENT_DATA';
  return 'ALARM';
}

/** A metric as the alarm sees it, in steps of `stepMs` (60 s, or the period when it is shorter). */
export interface MetricSeries {
  /** Steps (floor(ms / stepMs)) in which the metric has data, ascending, without repeats. */
  readonly activeSteps: readonly number[];
  /** The datapoint of the period covering steps [from, to): undefined when it is missing. */
  datapoint(from: number, to: number): number | undefined;
}

/** One change of alarm state: when it happened, from which state to which. */
export interface Transition {
  /** When the evaluation that changed the state ran (ms): the end of the newest datapoint's period. */
  readonly time: number;
  readonly from: AlarmState;
  readonly to: AlarmState;
  /** The newest evaluationPeriods datapoints of that evaluation, oldest first (undefined = missing). */
  readonly datapoints: readonly (number | undefined)[];
}

/** Every state transition of one alarm over a series, evaluated every step as CloudWatch does. */
export interface AlarmTimeline {
  readonly transitions: Transition[];
  /** Evaluations whose verdict would differ with an evaluation range of N or 2N + 2 datapoints (ms). */
  readonly rangeDependent: number[];
  /** Evaluations made (quiet stretches are skipped once the state can no longer change). */
  readonly evaluations: number;
  /** Largest datapoint seen (0 when none). */
  readonly maxDatapoint: number;
  /** State after the last evaluation. */
  readonly finalState: AlarmState;
}

/** Evaluation step: a minute, or the period when it is shorter (high-resolution alarms). */
export function stepSeconds(periodSeconds: number): number {
  return periodSeconds < 60 ? periodSeconds : 60;
}

/** How far and how to evaluate a series (the evaluation range beyond N is not documented: see docs/replay.md). */
export interface TimelineOptions {
  /** Evaluations run at step boundaries t with fromStep < t <= toStep. */
  readonly fromStep: number;
  readonly toStep: number;
  /** @default EXTRA_DATAPOINTS */
  readonly extraDatapoints?: number;
  /** @default INSUFFICIENT_DATA ("The alarm has just started") */
  readonly initialState?: AlarmState;
}

/**
 * Evaluates the alarm at every step boundary in (fromStep, toStep] and returns its state changes.
 * Where no datapoint of the range can have data (a quiet stretch longer than the range), one
 * evaluation is made and the rest skipped: the state cannot change until data returns.
 */
export function evaluateTimeline(def: AlarmDefinition, series: MetricSeries, options: TimelineOptions): AlarmTimeline {
  const step = stepSeconds(def.periodSeconds);
  const p = def.periodSeconds / step; // steps per period
  const n = def.evaluationPeriods;
  const range = n + (options.extraDatapoints ?? EXTRA_DATAPOINTS);
  const widest = Math.max(range, 2 * n + EXTRA_DATAPOINTS);
  const reach = widest * p; // steps a datapoint at step a stays in some evaluation range
  const transitions: Transition[] = [];
  const rangeDependent: number[] = [];
  let state: AlarmState = options.initialState ?? 'INSUFFICIENT_DATA';
  let evaluations = 0;
  let maxDatapoint = 0;
  const active = series.activeSteps;
  let next = 0; // index of the first active step not yet behind the evaluation time
  const stepMs = step * 1000;
  const values: (number | undefined)[] = new Array(widest);

  let t = options.fromStep + 1;
  while (t <= options.toStep) {
    while (next < active.length && active[next] < t - reach) next++;
    const inReach = next < active.length && active[next] < t;
    for (let k = 0; k < widest; k++) {
      const end = t - (widest - 1 - k) * p;
      const v = series.datapoint(end - p, end);
      values[k] = v;
      if (v !== undefined && v > maxDatapoint) maxDatapoint = v;
    }
    evaluations++;
    const verdict = nextStateIn(def, values, widest - range, widest, state);
    // The newest n datapoints all real: every range has them as its most recent n, same verdict.
    let newestReal = true;
    for (let k = widest - n; k < widest && newestReal; k++) newestReal = values[k] !== undefined;
    if (!newestReal) {
      const narrow = nextStateIn(def, values, widest - n, widest, state);
      const wide = nextStateIn(def, values, 0, widest, state);
      if (narrow !== verdict || wide !== verdict) rangeDependent.push(t * stepMs);
    }
    if (verdict !== state) {
      transitions.push({ time: t * stepMs, from: state, to: verdict, datapoints: values.slice(widest - n) });
      state = verdict;
    }
    if (!inReach) {
      // Nothing in reach: every datapoint is missing (or, for a series that reports zeros before its
      // data, unchanged) until the next active step enters the range, so jump there.
      const resume = next < active.length ? active[next] + 1 : options.toStep + 1;
      t = Math.max(t + 1, resume);
      continue;
    }
    t++;
  }
  return { transitions, rangeDependent, evaluations, maxDatapoint, finalState: state };
}
