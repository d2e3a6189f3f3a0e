import { type AlarmSettings, periodStart, replayAlarm } from '../alarm';

const MIN = 60_000;
const T0 = Date.parse('2026-10-01T08:00:00Z');

function settings(o: Partial<AlarmSettings> = {}): AlarmSettings {
  return { threshold: 3, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching', ...o };
}

/** Sums from per-period values (undefined = no event at all in that period), starting at T0. */
function run(values: (number | undefined)[], o: Partial<AlarmSettings> = {}) {
  const s = settings(o);
  const p = s.periodSeconds * 1000;
  const sums = new Map<number, number>();
  const present = new Set<number>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    present.add(T0 + i * p);
    if (v > 0) sums.set(T0 + i * p, v);
  });
  return replayAlarm(s, sums, present, { first: T0, last: T0 + (values.length - 1) * p });
}

const starts = (r: ReturnType<typeof run>) => r.episodes.map((e) => new Date(e.start).toISOString());

describe('alarm arithmetic', () => {
  it('aligns periods on epoch multiples of the period, as CloudWatch does', () => {
    expect(periodStart(Date.parse('2026-10-01T08:04:59.999Z'), 300)).toBe(Date.parse('2026-10-01T08:00:00Z'));
    expect(periodStart(Date.parse('2026-10-01T08:05:00Z'), 300)).toBe(Date.parse('2026-10-01T08:05:00Z'));
    expect(periodStart(Date.parse('2026-10-01T08:00:29Z'), 30)).toBe(Date.parse('2026-10-01T08:00:00Z'));
    expect(periodStart(Date.parse('2026-10-01T10:59:00Z'), 3600)).toBe(Date.parse('2026-10-01T10:00:00Z'));
  });

  it('breaches at the threshold, not only above it', () => {
    expect(starts(run([2, 3, 0]))).toEqual(['2026-10-01T08:05:00.000Z']);
    expect(run([2, 2, 0]).episodes).toEqual([]);
    expect(run([2, 3, 5, 0, 4])).toMatchObject({ breachingPeriods: 3, maxSum: 5 });
  });

  it('counts one alarm per stretch in ALARM: notifications go out on the transition', () => {
    const r = run([3, 4, 0, 3]);
    expect(starts(r)).toEqual(['2026-10-01T08:00:00.000Z', '2026-10-01T08:15:00.000Z']);
    expect(r.episodes[0]).toMatchObject({ periods: 2, peakSum: 4, lastPeriod: T0 + 5 * MIN });
  });

  it('M of N: 2 breaching datapoints out of the last 3', () => {
    const o = { evaluationPeriods: 3, datapointsToAlarm: 2 };
    expect(run([3, 0, 0, 3, 0], o).episodes).toEqual([]); // never 2 within 3 periods
    expect(starts(run([3, 0, 3, 0, 0], o))).toEqual(['2026-10-01T08:10:00.000Z']);
    // windows: [q,q,3] [q,3,0] [3,0,3] [0,3,0] [3,0,0]: only the third has 2 breaching
    expect(run([3, 0, 3, 0, 0], o).episodes[0].periods).toBe(1);
  });

  it('M of N: stays in ALARM while M of the last N still breach, then returns to OK', () => {
    const r = run([3, 3, 0, 0, 0], { evaluationPeriods: 3, datapointsToAlarm: 2 });
    // windows ending at each period: [3] [3,3] [3,3,0] [3,0,0] [0,0,0] -> OK ALARM ALARM OK OK
    expect(starts(r)).toEqual(['2026-10-01T08:05:00.000Z']);
    expect(r.episodes[0].periods).toBe(2);
  });

  it('treatMissingData breaching: periods without any event count as breaching', () => {
    const o = { evaluationPeriods: 2, datapointsToAlarm: 2 };
    expect(starts(run([3, undefined, 0], { ...o, treatMissingData: 'breaching' }))).toEqual(['2026-10-01T08:05:00.000Z']);
    expect(run([3, undefined, 0], { ...o, treatMissingData: 'notBreaching' }).episodes).toEqual([]);
  });

  it('treatMissingData missing / ignore: only present datapoints are evaluated', () => {
    const o = { evaluationPeriods: 3, datapointsToAlarm: 2 };
    // [3, -, 3]: two present, both breach -> ALARM at the third period
    expect(starts(run([3, undefined, 3], { ...o, treatMissingData: 'missing' }))).toEqual(['2026-10-01T08:10:00.000Z']);
    // [0, -, 3]: one of two present breaches, fewer than 2 -> OK
    expect(run([0, undefined, 3], { ...o, treatMissingData: 'ignore' }).episodes).toEqual([]);
    // ALARM, then only missing datapoints: ignore keeps ALARM (one episode over 4 periods), missing leaves it
    const ignore = run([3, 3, undefined, undefined, undefined, undefined], { evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'ignore' });
    expect(ignore.episodes).toHaveLength(1);
    expect(ignore.episodes[0].periods).toBe(5);
    // windows: [q,3] OK, [3,3] ALARM, [3,-] ALARM (the one present breaches), [-,-] INSUFFICIENT_DATA, [-,3] ALARM again
    const missing = run([3, 3, undefined, undefined, 3], { evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'missing' });
    expect(starts(missing)).toEqual(['2026-10-01T08:05:00.000Z', '2026-10-01T08:20:00.000Z']);
  });

  it('assumes the periods before the input were quiet', () => {
    // 2 of 3 with one breaching period at the very start: [q, q, 3] -> OK
    expect(run([3], { evaluationPeriods: 3, datapointsToAlarm: 2 }).episodes).toEqual([]);
    expect(starts(run([3], { evaluationPeriods: 3, datapointsToAlarm: 1 }))).toEqual(['2026-10-01T08:00:00.000Z']);
  });

  it('has nothing to evaluate without events', () => {
    expect(replayAlarm(settings(), new Map(), new Set(), undefined)).toEqual({ breachingPeriods: 0, maxSum: 0, episodes: [] });
  });

  it('skips long quiet stretches with the same result as walking them period by period', () => {
    // Two bursts a year apart, 10-second periods: ~3 million periods, almost all without data.
    const year = 365 * 24 * 3600 * 1000;
    const sums = new Map([[T0, 5], [T0 + year, 5]]);
    const present = new Set([T0, T0 + year]);
    const range = { first: T0, last: T0 + year };
    const base = { threshold: 3, periodSeconds: 10, evaluationPeriods: 3, datapointsToAlarm: 1 } as const;
    const started = Date.now();
    const quiet = replayAlarm({ ...base, treatMissingData: 'notBreaching' }, sums, present, range);
    expect(quiet.episodes.map((e) => [e.start, e.periods])).toEqual([[T0, 3], [T0 + year, 1]]);
    // Missing data breaching: ALARM from the first burst through the whole quiet year, one episode.
    const loud = replayAlarm({ ...base, treatMissingData: 'breaching' }, sums, present, range);
    expect(loud.episodes).toEqual([{ start: T0, lastPeriod: T0 + year, periods: year / 10_000 + 1, peakSum: 5 }]);
    expect(loud.breachingPeriods).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
