/**
 * The alarm arithmetic of a metric-filter alarm, replayed: matches are summed into periods aligned
 * on multiples of the period since the epoch (as CloudWatch aligns datapoints), a datapoint
 * breaches when its Sum is at or above the threshold (GreaterThanOrEqualToThreshold), and the alarm
 * goes to ALARM when `datapointsToAlarm` of the last `evaluationPeriods` datapoints breach.
 *
 * Datapoints: a period in which the log group received events but none matched has the value 0
 * (trailwatch metric filters publish a default value of 0); a period with no events at all in the
 * replayed input is missing, and `treatMissingData` decides:
 * - notBreaching / breaching: a missing datapoint counts as good / bad;
 * - missing / ignore: missing datapoints are left out; when some are present the alarm needs
 *   `datapointsToAlarm` breaching ones, or all present ones when fewer are present; when none are
 *   present, `missing` goes to INSUFFICIENT_DATA and `ignore` keeps the state.
 * The alarm is evaluated once per period, at the end of each period of the input's time range;
 * periods before the input are assumed quiet (datapoint 0), since the replay cannot know them.
 */
import type { TreatMissingData } from '../detections/detection';

/** A CloudWatch alarm state. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmSettings {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/** One stretch of ALARM: notifications go out once, at `start`. */
export interface AlarmEpisode {
  /** Start (ms) of the period whose datapoint took the alarm to ALARM. */
  readonly start: number;
  /** Start (ms) of the last period evaluated in ALARM. */
  readonly lastPeriod: number;
  /** Periods evaluated in ALARM. */
  readonly periods: number;
  /** Largest Sum of one period while in ALARM (over the evaluation window that raised it). */
  readonly peakSum: number;
}

/** What an alarm would have done over the replayed events: its episodes in ALARM and its peak count. */
export interface AlarmReplay {
  /** Periods that had a datapoint at or above the threshold. */
  readonly breachingPeriods: number;
  /** Largest Sum of one period (0 when nothing matched). */
  readonly maxSum: number;
  readonly episodes: AlarmEpisode[];
}

/** Start (ms) of the period holding `ms`. */
export function periodStart(ms: number, periodSeconds: number): number {
  const p = periodSeconds * 1000;
  return Math.floor(ms / p) * p;
}

/**
 * @param sums Sum of matches per period start (ms); periods absent here had no match.
 * @param dataPeriods Starts (ms) of the periods in which the input had any event.
 * @param range First and last event time (ms) of the input; evaluation covers their periods.
 */
export function replayAlarm(
  settings: AlarmSettings,
  sums: ReadonlyMap<number, number>,
  dataPeriods: ReadonlySet<number>,
  range: { readonly first: number; readonly last: number } | undefined,
): AlarmReplay {
  const { threshold, evaluationPeriods: n, datapointsToAlarm: m, treatMissingData } = settings;
  const p = settings.periodSeconds * 1000;
  let maxSum = 0;
  for (const v of sums.values()) maxSum = Math.max(maxSum, v);
  const episodes: AlarmEpisode[] = [];
  if (!range) return { breachingPeriods: 0, maxSum, episodes };

  // Datapoint per period: the Sum, 0 when events arrived but none matched, undefined when missing.
  const datapoint = (start: number): number | undefined => sums.get(start) ?? (dataPeriods.has(start) ? 0 : undefined);
  // Periods with a datapoint, in order: between them the window fills with missing datapoints and,
  // once full, the state cannot change, so a long quiet stretch (months between two events) is
  // skipped in one step instead of walked period by period.
  const withData = [...new Set([...sums.keys(), ...dataPeriods])].sort((a, b) => a - b);
  let nextData = 0;
  let quietPeriods = 0;

  const first = periodStart(range.first, settings.periodSeconds);
  const last = periodStart(range.last, settings.periodSeconds);
  let state: AlarmState = 'INSUFFICIENT_DATA';
  let breachingPeriods = 0;
  let open: { start: number; lastPeriod: number; periods: number; peakSum: number } | undefined;
  // Sliding window over the last n periods: each value is true (breaching), false (good) or undefined (missing).
  const window: (boolean | undefined)[] = [];
  const sumsInWindow: number[] = [];
  for (let t = first; t <= last; t += p) {
    while (nextData < withData.length && withData[nextData] < t) nextData++;
    const value = datapoint(t);
    quietPeriods = value === undefined ? quietPeriods + 1 : 0;
    if (value === undefined && quietPeriods > n) {
      // The window holds n missing datapoints already: skip to the next period with data.
      const resume = Math.min(nextData < withData.length ? withData[nextData] : last + p, last + p);
      const skipped = (resume - t) / p;
      if (state === 'ALARM' && open) {
        open.lastPeriod = resume - p;
        open.periods += skipped;
      }
      t = resume - p;
      continue;
    }
    if (value !== undefined && value >= threshold) breachingPeriods++;
    let verdict: boolean | undefined;
    if (value !== undefined) verdict = value >= threshold;
    else if (treatMissingData === 'breaching') verdict = true;
    else if (treatMissingData === 'notBreaching') verdict = false;
    window.push(verdict);
    sumsInWindow.push(value ?? 0);
    if (window.length > n) {
      window.shift();
      sumsInWindow.shift();
    }
    // Periods before the input are assumed quiet (datapoint 0): the replay cannot know them.
    const present = window.filter((v) => v !== undefined).length + (n - window.length);
    const bad = window.filter((v) => v === true).length;
    let next: AlarmState;
    if (present === 0) next = treatMissingData === 'ignore' ? state : 'INSUFFICIENT_DATA';
    else next = bad >= Math.min(m, present) ? 'ALARM' : 'OK';
    if (next === 'ALARM') {
      const peak = Math.max(...sumsInWindow);
      if (state !== 'ALARM') {
        open = { start: t, lastPeriod: t, periods: 1, peakSum: peak };
        episodes.push(open);
      } else if (open) {
        open.lastPeriod = t;
        open.periods++;
        open.peakSum = Math.max(open.peakSum, peak);
      }
    }
    state = next;
  }
  return { breachingPeriods, maxSum, episodes };
}
