/**
 * What replay collects for the HTML report (`charts: true`): a chart series per alarm, and per
 * detection its top principals and source addresses and its sample records. Without the option the
 * report is what it was, and with it the JSON report keeps its shape.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtInDetections } from '../../detections/catalogue';
import { compileMatcher, parsePattern } from '../../patterns';
import { type ReplayReport, runReplay } from '../replay';
import { toJson } from '../report';
import { TopCounter } from '../top-counter';
import { writeSampleLogs } from './sample-logs';

let dir: string;
let plain: ReplayReport;
let charted: ReplayReport;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-charts-'));
  writeSampleLogs(dir);
  const detections = builtInDetections('tuned');
  const options = { detections, compile: (pattern: string) => compileMatcher(parsePattern(pattern)), sampleSize: 2 };
  plain = await runReplay([path.join(dir, 'logs')], options);
  charted = await runReplay([path.join(dir, 'logs')], { ...options, charts: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const byId = (r: ReplayReport, id: string) => r.detections.find((d) => d.id === id)!;

describe('replay with charts', () => {
  it('adds a series to every alarm (detections, sign-in rules, trail health) and nothing else to the verdicts', () => {
    for (const d of plain.detections) expect(d.alarm.series).toBeUndefined();
    expect(plain.detections.every((d) => d.detail === undefined)).toBe(true);
    const strip = (r: ReplayReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'series' || k === 'detail' ? undefined : v)));
    expect(strip(charted)).toEqual(strip(plain));
    const alarms = [...charted.detections.map((d) => d.alarm), ...charted.contributorRules.map((r) => r.alarm), charted.trailHealth!.alarm];
    expect(alarms.every((a) => a.series !== undefined)).toBe(true);
    // One value per minute from the end of the input's first minute (08:01) to the end of its last (10:31).
    const failures = byId(charted, 'console-sign-in-failures').alarm.series!;
    expect(failures).toMatchObject({ start: Date.parse('2026-10-01T08:01:00Z'), bucketMs: 60_000 });
    expect(failures.values).toHaveLength(151);
    expect(Math.max(...failures.values.map((v) => v ?? 0))).toBe(byId(charted, 'console-sign-in-failures').alarm.maxDatapoint);
  });

  it('keeps the --json report the same with and without charts', () => {
    expect(toJson(charted, { source: 'x' })).toEqual(toJson(plain, { source: 'x' }));
  });

  it('counts the principals and source addresses of each detection\'s matches, most frequent first', () => {
    // tuned mode: every failed console sign-in matches, alice's 5 among bob's and carol's typos
    const detail = byId(charted, 'console-sign-in-failures').detail!;
    expect(detail.principals).toEqual({
      top: [
        { key: 'arn:aws:iam::111122223333:user/alice', count: 5 },
        { key: 'arn:aws:iam::111122223333:user/bob', count: 1 },
        { key: 'arn:aws:iam::111122223333:user/carol', count: 1 },
      ],
      distinct: 3,
      untracked: 0,
    });
    expect(detail.sourceIps.top[0]).toEqual({ key: '203.0.113.50', count: 5 });
    expect(byId(charted, 'vpc-changes').detail).toEqual({ principals: { top: [], distinct: 0, untracked: 0 }, sourceIps: { top: [], distinct: 0, untracked: 0 }, records: [] });
  });

  it('keeps each sample\'s whole record, in the order of the samples', () => {
    const d = byId(charted, 'console-sign-in-failures');
    expect(d.detail!.records).toHaveLength(d.samples.length);
    const first = JSON.parse(d.detail!.records[0]);
    expect(first).toMatchObject({ eventName: 'ConsoleLogin', eventTime: d.samples[0].time, userIdentity: { userName: 'alice' }, errorMessage: 'Failed authentication' });
  });
});

describe('TopCounter', () => {
  it('counts exactly up to its capacity, then counts new keys as untracked', () => {
    const c = new TopCounter(3);
    for (const k of ['a', 'b', 'a', 'c', 'd', 'a', 'b', 'e', 'd']) c.add(k);
    expect(c.top(2)).toEqual({ top: [{ key: 'a', count: 3 }, { key: 'b', count: 2 }], distinct: 3, untracked: 3 });
  });

  it('breaks ties in key order, so reports are stable', () => {
    const c = new TopCounter();
    for (const k of ['z', 'm', 'a']) c.add(k);
    expect(c.top(5).top.map((x) => x.key)).toEqual(['a', 'm', 'z']);
  });
});
