/**
 * The replay engine with stand-in matchers (plain predicates keyed by pattern text), so these tests
 * check the engine, not the pattern engine; the CLI test runs the real one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALARM_DEFAULTS } from '../../detections/catalogue/entry';
import type { Detection } from '../../detections/detection';
import type { ReplayEvent } from '../formats';
import { type MatcherFactory, listInputFiles, runReplay } from '../replay';
import { formatTable, toJson } from '../report';
import { writeCorruptLogs, writeSampleLogs } from './sample-logs';

type Rec = Record<string, any>;
const PREDICATES: Record<string, (e: Rec) => boolean> = {
  'fake:sign-in-failure': (e) => e.eventName === 'ConsoleLogin' && e.responseElements?.ConsoleLogin === 'Failure',
  'fake:root': (e) => e.userIdentity?.type === 'Root',
  'fake:access-denied': (e) => e.errorCode === 'AccessDenied',
  'fake:stop-logging': (e) => e.eventName === 'StopLogging',
  'fake:nothing': () => false,
};
const fakeCompile: MatcherFactory = (pattern) => {
  const p = PREDICATES[pattern];
  return (event: ReplayEvent) => typeof event !== 'string' && p(event);
};

function detection(id: string, pattern: string, o: Partial<Detection> = {}): Detection {
  return {
    id,
    title: id,
    description: '',
    pattern,
    ...ALARM_DEFAULTS,
    severity: 'high',
    references: {},
    pack: 'test',
    ...o,
  };
}

const DETECTIONS = [
  // threshold 3 org-wide: alice's 5 failures alarm, but so would 3 different users' single typos
  detection('console-sign-in-failures', 'fake:sign-in-failure', { threshold: 3 }),
  detection('root-usage', 'fake:root', { severity: 'critical' }),
  detection('unauthorized-api-calls', 'fake:access-denied', { threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2 }),
  detection('cloudtrail-changes', 'fake:stop-logging', { severity: 'critical' }),
  detection('vpc-changes', 'fake:nothing'),
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-engine-'));
  writeSampleLogs(dir);
  writeCorruptLogs(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const byId = (r: Awaited<ReturnType<typeof runReplay>>, id: string) => r.detections.find((d) => d.id === id)!;

describe('runReplay', () => {
  it('lists files recursively in a stable order, skipping dot-files, and fails on a missing path', () => {
    fs.writeFileSync(path.join(dir, 'logs/.DS_Store'), 'x');
    const files = listInputFiles([path.join(dir, 'logs')]).map((f) => path.relative(dir, f));
    expect(files[0]).toBe('logs/cloudwatch-export/000000.gz');
    expect(files).toHaveLength(5);
    expect(() => listInputFiles([path.join(dir, 'missing')])).toThrow(/missing: no such file or folder/);
  });

  it('counts events and matches per detection across every format', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    expect(report).toMatchObject({ files: 5, events: 47 + 14 + 1 + 2 + 1, problems: [], eventsWithoutTime: 0 });
    expect(report.firstEventTime).toBe(Date.parse('2026-10-01T08:00:10Z'));
    expect(report.lastEventTime).toBe(Date.parse('2026-10-01T10:30:00Z'));
    expect(report.detections.map((d) => [d.id, d.matched])).toEqual([
      ['console-sign-in-failures', 7],
      ['root-usage', 1],
      ['unauthorized-api-calls', 12],
      ['cloudtrail-changes', 1],
      ['vpc-changes', 0],
    ]);
  });

  it('applies the alarm arithmetic per detection: periods, threshold, M of N', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    const failures = byId(report, 'console-sign-in-failures');
    // alice's 5 failures fall in 08:10-08:15; bob (08:30) and carol (08:45) are alone in their periods
    expect(failures.alarm).toEqual({ breachingPeriods: 1, maxSum: 5, episodes: [{ start: Date.parse('2026-10-01T08:10:00Z'), lastPeriod: Date.parse('2026-10-01T08:10:00Z'), periods: 1, peakSum: 5 }] });
    // 12 AccessDenied 09:20-09:23:44 in 5-minute periods: 12 in 09:20-09:25 -> one breaching datapoint, 2 of 3 needed
    const denied = byId(report, 'unauthorized-api-calls');
    expect(denied.alarm).toMatchObject({ breachingPeriods: 1, maxSum: 12, episodes: [] });
    expect(byId(report, 'cloudtrail-changes').alarm.episodes.map((e) => new Date(e.start).toISOString())).toEqual(['2026-10-01T09:40:00.000Z']);
    expect(byId(report, 'vpc-changes').alarm).toEqual({ breachingPeriods: 0, maxSum: 0, episodes: [] });
  });

  it('lists the earliest matching events with time, account, principal, source IP and event name', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, sampleSize: 2 });
    expect(byId(report, 'console-sign-in-failures').samples).toEqual([
      { time: '2026-10-01T08:10:15Z', account: '111122223333', principal: 'arn:aws:iam::111122223333:user/alice', sourceIp: '203.0.113.50', eventName: 'ConsoleLogin' },
      { time: '2026-10-01T08:10:45Z', account: '111122223333', principal: 'arn:aws:iam::111122223333:user/alice', sourceIp: '203.0.113.50', eventName: 'ConsoleLogin' },
    ]);
    expect(byId(report, 'unauthorized-api-calls').samples[0]).toMatchObject({ principal: 'arn:aws:sts::111122223333:assumed-role/developer/dev-session', eventName: 'GetBucketPolicy' });
  });

  it('counts failed sign-ins per principal and per source IP: one user failing 5 times among 40 successful sign-ins', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    const c = byId(report, 'console-sign-in-failures').contributors!;
    expect(c.principal.distinct).toBe(3);
    expect(c.principal.top[0]).toEqual({ key: '111122223333 alice', total: 5, maxInPeriod: 5, periodsAtThreshold: 1 });
    expect(c.principal.top.slice(1).map((x) => [x.total, x.maxInPeriod, x.periodsAtThreshold])).toEqual([
      [1, 1, 0],
      [1, 1, 0],
    ]);
    expect(c.principal.alarmPeriods).toEqual([{ start: Date.parse('2026-10-01T08:10:00Z'), key: '111122223333 alice', count: 5 }]);
    expect(c.sourceIp.top[0]).toEqual({ key: '203.0.113.50', total: 5, maxInPeriod: 5, periodsAtThreshold: 1 });
    // the successful sign-ins are not counted anywhere
    expect(c.sourceIp.distinct).toBe(3);
    // other detections have no per-principal counts
    expect(byId(report, 'root-usage').contributors).toBeUndefined();
  });

  it('uses the per-principal threshold and period it is given', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, contributors: { threshold: 6, periodSeconds: 60 } });
    const c = byId(report, 'console-sign-in-failures').contributors!;
    expect(c.principal.top[0]).toMatchObject({ total: 5, maxInPeriod: 2, periodsAtThreshold: 0 });
    expect(c.principal.alarmPeriods).toEqual([]);
  });

  it('reports corrupt files, skips them, and still reports the others', async () => {
    const seen: string[] = [];
    const report = await runReplay([path.join(dir, 'corrupt'), path.join(dir, 'logs')], {
      detections: DETECTIONS,
      compile: fakeCompile,
      onFile: (r, done, total) => seen.push(`${done}/${total} ${path.basename(r.file)} ${r.error ? 'error' : r.badRecords ? 'partial' : 'ok'}`),
    });
    expect(seen.slice(0, 4)).toEqual(['1/9 empty.json error', '2/9 not-json.json error', '3/9 one-bad-line.jsonl partial', '4/9 truncated.json.gz error']);
    expect(report.problems.map((p) => path.basename(p.file))).toEqual(['empty.json', 'not-json.json', 'one-bad-line.jsonl', 'truncated.json.gz']);
    expect(report.events).toBe(65 + 2);
    expect(byId(report, 'root-usage').matched).toBe(3);
  });

  it('formats a table and JSON with ISO times', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    const text = formatTable(report, { source: 'test detections' }, { threshold: 3, periodSeconds: 300 });
    expect(text).toContain('Replayed 65 events from 5 files, 2026-10-01T08:00:10Z to 2026-10-01T10:30:00Z');
    expect(text).toMatch(/^console-sign-in-failures\s+high\s+7\s+5\s+1\s+>= 3 in 5 min$/m);
    expect(text).toMatch(/^unauthorized-api-calls\s+high\s+12\s+12\s+0\s+>= 5 in 5 min, 2 of 3 periods$/m);
    expect(text).toContain('  ALARM 2026-10-01T08:10:00Z: Sum 5 >= 3');
    expect(text).toMatch(/^ {4}111122223333 alice\s+5\s+5\s+1$/m);
    expect(text).toContain('    ALARM 2026-10-01T08:10:00Z: 203.0.113.50 5 times');
    const json = JSON.parse(JSON.stringify(toJson(report, { source: 'x' })));
    expect(json.detections[0].alarm.alarms).toEqual([{ start: '2026-10-01T08:10:00Z', lastPeriod: '2026-10-01T08:10:00Z', periods: 1, peakSum: 5 }]);
    expect(json.detections[0].contributors.principal.alarmPeriods[0]).toEqual({ start: '2026-10-01T08:10:00Z', key: '111122223333 alice', count: 5 });
  });
});
