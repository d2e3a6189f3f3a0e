/** An alarm's trigger in words: "≥ 10 events in 5 min", "≥ 3 in 2 of 3 periods of 5 min". */
import { get } from './plan';

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** "5 min", "1 h", "90 s", "1 day". */
export function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** The period of an alarm on one metric, or of its metric-math query that returns data. */
export function alarmPeriod(alarm: Record<string, unknown>): number | undefined {
  const p = get(alarm, 'period');
  if (typeof p === 'number') return p;
  const queries = (get(alarm, 'metric_query') ?? []) as Record<string, unknown>[];
  for (const q of queries) {
    const qp = q.period ?? get(q, 'metric', 0, 'period');
    if (typeof qp === 'number') return qp;
  }
  return undefined;
}

/** True when a larger threshold makes the alarm harder to trigger. */
export function alarmsAbove(alarm: Record<string, unknown>): boolean {
  return String(get(alarm, 'comparison_operator') ?? '').startsWith('GreaterThan');
}

/** "≥ 10 events in 5 min", with "in 2 of 3 periods of 5 min" when several periods are evaluated. */
export function trigger(alarm: Record<string, unknown>, unit: string): string {
  const op = OPERATORS[String(get(alarm, 'comparison_operator'))] ?? String(get(alarm, 'comparison_operator'));
  const threshold = get(alarm, 'threshold');
  const period = alarmPeriod(alarm);
  const evaluation = Number(get(alarm, 'evaluation_periods') ?? 1);
  const datapoints = Number(get(alarm, 'datapoints_to_alarm') ?? evaluation);
  const window = period === undefined ? 'a period' : duration(period);
  const when = evaluation === 1 ? `in ${window}` : `in ${datapoints} of ${evaluation} periods of ${window}`;
  const units = threshold === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${op} ${String(threshold)} ${units} ${when}`.replace(/\s+/g, ' ');
}
