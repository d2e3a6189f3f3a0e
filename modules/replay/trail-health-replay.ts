/**
 * The trail-health alarm (modules/trail-health) replayed: when it would have fired, over the input and
 * had delivery stopped after the input's last event.
 */
import { type AlarmDefinition, EXTRA_DATAPOINTS, evaluateTimeline, sumSeries } from '../alarm-model';
import { type AlarmSummary, type SummaryOptions, summarizeAlarm } from './alarm-summary';

export interface TrailHealthResult {
  readonly windowSeconds: number;
  readonly evaluationPeriods: number;
  /** State changes while the input has events (an ALARM here is a gap in the input or in delivery). */
  readonly alarm: AlarmSummary;
  /** If delivery had stopped after the input's last event: when the alarm would have gone to ALARM (ms). */
  readonly firesAfterLastEvent?: number;
  /** The same with an evaluation range of N and of 2N + 2 datapoints, when they differ. */
  readonly firesIfRange?: { readonly n?: number; readonly wide?: number };
}

/**
 * The trail-health alarm (modules/trail-health): IncomingLogEvents of the log group, Sum per window,
 * LessThanThreshold 1, missing data breaching. Evaluated over the input and on past its last
 * event, as if delivery had stopped there.
 */
export function replayTrailHealth(
  settings: { readonly windowSeconds: number; readonly evaluationPeriods: number },
  range: { readonly first: number; readonly last: number },
  perMinute: ReadonlyMap<number, number>,
  options: SummaryOptions = {},
): TrailHealthResult {
  const def: AlarmDefinition = {
    threshold: 1,
    comparisonOperator: 'LessThanThreshold',
    periodSeconds: settings.windowSeconds,
    evaluationPeriods: settings.evaluationPeriods,
    datapointsToAlarm: settings.evaluationPeriods,
    treatMissingData: 'breaching',
  };
  const first = Math.floor(range.first / 60_000);
  const last = Math.floor(range.last / 60_000);
  const series = sumSeries(perMinute, perMinute.keys(), first);
  const within = summarizeAlarm(def, series, first, last + 1, options);
  // Past the last event: no more data, as if delivery had stopped. Far enough for the widest range.
  const toStep = last + 1 + (2 * settings.evaluationPeriods + 4) * (settings.windowSeconds / 60);
  const fires = (extraDatapoints: number): number | undefined =>
    evaluateTimeline(def, series, { fromStep: first, toStep, extraDatapoints }).transitions.find((t) => t.to === 'ALARM' && t.time > (last + 1) * 60_000)?.time;
  const chosen = fires(EXTRA_DATAPOINTS);
  const n = fires(0);
  const wide = fires(settings.evaluationPeriods + EXTRA_DATAPOINTS);
  return {
    windowSeconds: settings.windowSeconds,
    evaluationPeriods: settings.evaluationPeriods,
    alarm: within,
    ...(chosen !== undefined ? { firesAfterLastEvent: chosen } : {}),
    ...(n !== chosen || wide !== chosen ? { firesIfRange: { n, wide } } : {}),
  };
}
