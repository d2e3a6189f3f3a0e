/**
 * The sliding evaluation against the cases that motivated it (issue 15): the log group receives
 * events every minute from 08:00 to 08:30, and the matching events are listed.
 */
import { type AlarmDefinition, evaluateTimeline } from '../evaluate';
import { maxContributorSeries, sumSeries } from '../series';

const MINUTE = 60_000;
const at = (hhmmss: string): number => Date.parse(`2026-10-01T${hhmmss}Z`);
const step = (ms: number): number => Math.floor(ms / MINUTE);
const FROM = step(at('08:00:00'));
const TO = step(at('08:30:00'));
const everyMinute = Array.from({ length: TO - FROM }, (_, i) => FROM + i);

function countsOf(times: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(step(at(t)), (counts.get(step(at(t))) ?? 0) + 1);
  return counts;
}

function alarmsFor(def: AlarmDefinition, times: readonly string[]) {
  const timeline = evaluateTimeline(def, sumSeries(countsOf(times), everyMinute), { fromStep: FROM, toStep: TO });
  return timeline.transitions.map((t) => `${new Date(t.time).toISOString().slice(11, 16)} ${t.to}`);
}

const threeInFive: AlarmDefinition = { threshold: 3, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' };

test('three failures straddling a clock-aligned 5-minute boundary alarm (08:03:10, 08:04:20, 08:06:05)', () => {
  expect(alarmsFor(threeInFive, ['08:03:10', '08:04:20', '08:06:05'])).toEqual(['08:01 OK', '08:07 ALARM', '08:09 OK']);
});

test('clock-aligned periods would have missed it: no 5-minute period from :00 or :05 holds three', () => {
  const counts = countsOf(['08:03:10', '08:04:20', '08:06:05']);
  const aligned = [0, 5].map((m) => [...counts].filter(([s]) => s >= FROM + m && s < FROM + m + 5).reduce((a, [, c]) => a + c, 0));
  expect(aligned).toEqual([2, 1]);
});

test('the alarm starts in INSUFFICIENT_DATA and its first evaluation sets OK', () => {
  const timeline = evaluateTimeline(threeInFive, sumSeries(new Map(), everyMinute), { fromStep: FROM, toStep: TO });
  expect(timeline.transitions).toEqual([{ time: at('08:01:00'), from: 'INSUFFICIENT_DATA', to: 'OK', datapoints: [0] }]);
});

test('root used at 08:00:30 and 08:09:30 is two ALARM transitions, two notifications', () => {
  const root: AlarmDefinition = { ...threeInFive, threshold: 1 };
  expect(alarmsFor(root, ['08:00:30', '08:09:30'])).toEqual(['08:01 ALARM', '08:06 OK', '08:10 ALARM', '08:15 OK']);
});

describe("Globex's brute-force rule: 2 of 2 periods of 5 minutes at 4 or more", () => {
  const globex: AlarmDefinition = { threshold: 4, periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'notBreaching' };
  test('4 failures in one period: no alarm', () => {
    expect(alarmsFor(globex, ['08:01:00', '08:01:10', '08:01:20', '08:01:30'])).toEqual(['08:01 OK']);
  });
  test('4 failures in each of two consecutive periods: alarm', () => {
    const times = ['08:01:00', '08:01:10', '08:01:20', '08:01:30', '08:06:00', '08:06:10', '08:06:20', '08:06:30'];
    // At 08:07 the periods [08:02, 08:07) and [07:57, 08:02) hold 4 each.
    expect(alarmsFor(globex, times).slice(0, 2)).toEqual(['08:01 OK', '08:07 ALARM']);
  });
});

test('2 of 3 (Globex console failures): two breaching periods out of three, not consecutive', () => {
  const twoOfThree: AlarmDefinition = { threshold: 2, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'notBreaching' };
  // 08:00-08:05 has 2, 08:05-08:10 none, 08:10-08:15 has 2: at 08:15 the periods ending then are
  // [08:00,08:05) 2, [08:05,08:10) 0, [08:10,08:15) 2.
  expect(alarmsFor(twoOfThree, ['08:00:10', '08:00:20', '08:10:10', '08:10:20'])).toContain('08:11 ALARM');
});

test('a quiet log group is missing data: notBreaching stays OK, missing goes to INSUFFICIENT_DATA', () => {
  const counts = countsOf(['08:00:30']);
  const series = sumSeries(counts, [step(at('08:00:30'))]);
  const quiet = (treatMissingData: AlarmDefinition['treatMissingData']) =>
    evaluateTimeline({ ...threeInFive, threshold: 1, treatMissingData }, series, { fromStep: FROM, toStep: TO }).transitions.map((t) => t.to);
  expect(quiet('notBreaching')).toEqual(['ALARM', 'OK']);
  expect(quiet('missing')).toEqual(['ALARM', 'INSUFFICIENT_DATA']);
  expect(quiet('ignore')).toEqual(['ALARM']);
});

test('trail health: IncomingLogEvents < 1 per hour, missing = breaching, fires when the range holds no datapoint', () => {
  const last = step(at('08:10:20'));
  const series = sumSeries(new Map([[last, 50]]), [last], last);
  const health: AlarmDefinition = { threshold: 1, comparisonOperator: 'LessThanThreshold', periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'breaching' };
  const timeline = evaluateTimeline(health, series, { fromStep: last, toStep: last + 300 });
  // With a range of 3 hourly datapoints the last real one (50, not breaching) decides until it leaves
  // the range: "CloudWatch alarms may repeatedly re-evaluate the last set of data points for a period
  // of time after the metric has stopped flowing". With a range of 1 it would fire at 09:11.
  expect(timeline.transitions.map((t) => [new Date(t.time).toISOString().slice(11, 16), t.to])).toEqual([
    ['08:11', 'OK'],
    ['11:11', 'ALARM'],
  ]);
  expect(timeline.rangeDependent[0]).toBe(at('09:11:00'));
});

test('per-principal rule: MaxContributorValue over a sliding 5 minutes', () => {
  const perStep = new Map<number, Map<string, number>>([
    [step(at('08:03:10')), new Map([['alice', 1]])],
    [step(at('08:04:20')), new Map([['alice', 1], ['bob', 1]])],
    [step(at('08:06:05')), new Map([['alice', 1]])],
  ]);
  const timeline = evaluateTimeline(threeInFive, maxContributorSeries(perStep), { fromStep: FROM, toStep: TO });
  expect(timeline.transitions.map((t) => [new Date(t.time).toISOString().slice(11, 16), t.to, t.datapoints])).toEqual([
    ['08:01', 'OK', [undefined]],
    ['08:07', 'ALARM', [3]],
    ['08:09', 'OK', [2]],
    // The newest period is empty from 08:12: the most recent real datapoint in the range (3, ending
    // 08:07) decides again until it leaves the range, a second notification that depends on the range.
    // The periods ending at each minute fall differently on the three failure minutes, so the state
    // flips until the failures leave the range: a replay counts these ALARMs as range-dependent.
    ['08:12', 'ALARM', [undefined]],
    ['08:14', 'OK', [undefined]],
    ['08:17', 'ALARM', [undefined]],
    ['08:19', 'OK', [undefined]],
  ]);
  expect(timeline.rangeDependent).toContain(at('08:12:00'));
  // With a range of exactly N datapoints only the first ALARM remains.
  const narrow = evaluateTimeline(threeInFive, maxContributorSeries(perStep), { fromStep: FROM, toStep: TO, extraDatapoints: 0 });
  expect(narrow.transitions.filter((t) => t.to === 'ALARM').map((t) => t.time)).toEqual([at('08:07:00')]);
});

test('quiet stretches are skipped: a year between two events costs a few evaluations', () => {
  const a = step(at('08:00:30'));
  const b = a + 365 * 24 * 60;
  const series = sumSeries(new Map([[a, 1], [b, 1]]), [a, b]);
  const timeline = evaluateTimeline({ ...threeInFive, threshold: 1 }, series, { fromStep: a - 1, toStep: b + 1 });
  expect(timeline.transitions.map((t) => t.to)).toEqual(['OK', 'ALARM', 'OK', 'ALARM']);
  expect(timeline.evaluations).toBeLessThan(100);
});

test('random timelines in an active log group: ALARM exactly in the minutes whose last 5 minutes hold >= 3 matches', () => {
  // With the log group active every minute no datapoint is missing, so for 1 of 1 the state after the
  // evaluation at minute t is ALARM iff the Sum over [t - 5, t) reaches the threshold.
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let run = 0; run < 50; run++) {
    const counts = new Map<number, number>();
    for (let i = 0; i < 8; i++) {
      const s = FROM + Math.floor(random() * 25);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const timeline = evaluateTimeline(threeInFive, sumSeries(counts, everyMinute, FROM), { fromStep: FROM, toStep: TO });
    let state = 'INSUFFICIENT_DATA';
    const expected: string[] = [];
    for (let t = FROM + 1; t <= TO; t++) {
      let sum = 0;
      for (let s = t - 5; s < t; s++) sum += counts.get(s) ?? 0;
      const next = sum >= 3 ? 'ALARM' : 'OK';
      if (next !== state) expected.push(`${t} ${next}`);
      state = next;
    }
    expect(timeline.transitions.map((x) => `${x.time / MINUTE} ${x.to}`)).toEqual(expected);
    expect(timeline.rangeDependent).toEqual([]);
  }
});
