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
    // the last event is a CloudWatch Logs export line stamped 10:30:00.123Z: its log-event timestamp
    // counts, not its eventTime (10:30:00Z)
    expect(report.lastEventTime).toBe(Date.parse('2026-10-01T10:30:00.123Z'));
    expect(report.detections.map((d) => [d.id, d.matched])).toEqual([
      ['console-sign-in-failures', 7],
      ['root-usage', 1],
      ['unauthorized-api-calls', 12],
      ['cloudtrail-changes', 1],
      ['vpc-changes', 0],
    ]);
  });

  it('evaluates each alarm every minute over sliding periods and reports its state changes with times', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    const failures = byId(report, 'console-sign-in-failures');
    // alice fails at 08:10:15, 08:10:45, 08:11:15 ...: the 5-minute period ending 08:12 holds 4 of them
    expect(failures.alarm).toMatchObject({ alarms: 1, maxDatapoint: 5 });
    expect(failures.alarm.transitions.filter((t) => t.to === 'ALARM')).toEqual([{ time: Date.parse('2026-10-01T08:12:00Z'), from: 'OK', to: 'ALARM', value: 4 }]);
    // every alarm starts in INSUFFICIENT_DATA; the first evaluation, at the end of the first minute, sets OK
    expect(failures.alarm.transitions[0]).toMatchObject({ time: Date.parse('2026-10-01T08:01:00Z'), from: 'INSUFFICIENT_DATA', to: 'OK' });
    // 12 AccessDenied 09:20:00-09:23:44 with 2 of 3 periods at 5 or more: clock-aligned periods put all
    // 12 in 09:20-09:25 (one breaching datapoint, no alarm); at 09:27 the periods [09:17, 09:22) and
    // [09:22, 09:27) each hold 6
    const denied = byId(report, 'unauthorized-api-calls');
    expect(denied.alarm.maxDatapoint).toBe(12);
    expect(denied.alarm.transitions.find((t) => t.to === 'ALARM')?.time).toBe(Date.parse('2026-10-01T09:27:00Z'));
    expect(byId(report, 'cloudtrail-changes').alarm.transitions.filter((t) => t.to === 'ALARM').map((t) => new Date(t.time).toISOString())).toEqual([
      '2026-10-01T09:41:00.000Z',
    ]);
    expect(byId(report, 'vpc-changes').alarm).toMatchObject({ alarms: 0, maxDatapoint: 0 });
  });

  it('says when the number of notifications depends on the evaluation range the documentation leaves open', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    // The sample log group is quiet for minutes at a time: missing datapoints, so the range decides how
    // long an older breaching datapoint keeps counting.
    const denied = byId(report, 'unauthorized-api-calls');
    expect(denied.alarm.alarmsIfRange).toBeDefined();
    expect(denied.alarm.alarmsIfRange!.n).toBeLessThan(denied.alarm.alarms);
    expect(byId(report, 'cloudtrail-changes').alarm.alarmsIfRange).toBeUndefined();
  });

  it('places events at their log-event timestamp when the input has one, else at eventTime plus the delivery delay', async () => {
    const stop = path.join(dir, 'timing');
    fs.mkdirSync(stop, { recursive: true });
    const rec = { eventVersion: '1.08', eventTime: '2026-10-01T09:40:00Z', eventName: 'StopLogging', userIdentity: { type: 'IAMUser' } };
    fs.writeFileSync(path.join(stop, 'cw.json'), JSON.stringify({ events: [{ timestamp: Date.parse('2026-10-01T09:44:30Z'), message: JSON.stringify(rec) }] }));
    const atLog = await runReplay([path.join(stop, 'cw.json')], { detections: DETECTIONS, compile: fakeCompile });
    expect(atLog).toMatchObject({ eventsAtLogTimestamp: 1, eventsAtEventTime: 0 });
    expect(byId(atLog, 'cloudtrail-changes').alarm.transitions.find((t) => t.to === 'ALARM')?.time).toBe(Date.parse('2026-10-01T09:45:00Z'));
    fs.writeFileSync(path.join(stop, 's3.json'), JSON.stringify({ Records: [rec] }));
    const delayed = await runReplay([path.join(stop, 's3.json')], { detections: DETECTIONS, compile: fakeCompile, deliveryDelaySeconds: 300 });
    expect(delayed).toMatchObject({ eventsAtLogTimestamp: 0, eventsAtEventTime: 1, deliveryDelaySeconds: 300 });
    expect(byId(delayed, 'cloudtrail-changes').alarm.transitions.find((t) => t.to === 'ALARM')?.time).toBe(Date.parse('2026-10-01T09:46:00Z'));
    expect(formatTable(delayed, { source: 'x' })).toContain('1 event at its eventTime + 300 s (--delivery-delay)');
  });

  it('lists the earliest matching events with time, account, principal, source IP and event name', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, sampleSize: 2 });
    expect(byId(report, 'console-sign-in-failures').samples).toEqual([
      { time: '2026-10-01T08:10:15Z', account: '111122223333', principal: 'arn:aws:iam::111122223333:user/alice', sourceIp: '203.0.113.50', eventName: 'ConsoleLogin' },
      { time: '2026-10-01T08:10:45Z', account: '111122223333', principal: 'arn:aws:iam::111122223333:user/alice', sourceIp: '203.0.113.50', eventName: 'ConsoleLogin' },
    ]);
    expect(byId(report, 'unauthorized-api-calls').samples[0]).toMatchObject({ principal: 'arn:aws:sts::111122223333:assumed-role/developer/dev-session', eventName: 'GetBucketPolicy' });
  });

  it('replays the per-principal and per-source-IP rules with their own filter: one user failing 5 times among 40 successful sign-ins', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile });
    expect(report.contributorRules.map((r) => r.name)).toEqual(['console-by-principal', 'console-by-source-ip', 'identity-center-by-principal', 'identity-center-by-source-ip']);
    const principal = report.contributorRules[0];
    expect(principal).toMatchObject({ matched: 7, distinct: 3, threshold: 3, periodSeconds: 300, evaluationPeriods: 1 });
    expect(principal.top[0]).toEqual({ key: '111122223333 alice', total: 5, maxInPeriod: 5 });
    expect(principal.top.slice(1).map((x) => [x.total, x.maxInPeriod])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(principal.alarmsFor[0]).toEqual({ time: Date.parse('2026-10-01T08:12:00Z'), key: '111122223333 alice', count: 4 });
    expect(report.contributorRules[1].top[0]).toEqual({ key: '203.0.113.50', total: 5, maxInPeriod: 5 });
  });

  it('counts sign-in failures by the rule filter even when no detection matches them (securityHub patterns look for another message)', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: [detection('vpc-changes', 'fake:nothing')], compile: fakeCompile });
    expect(report.contributorRules[0].matched).toBe(7);
  });

  it('uses the rule settings it is given, including evaluation periods, sources and keys; null deploys none', async () => {
    const report = await runReplay([path.join(dir, 'logs')], {
      detections: DETECTIONS,
      compile: fakeCompile,
      contributors: { threshold: 3, periodSeconds: 300, evaluationPeriods: 2, sources: ['console'], countBy: ['principal'] },
    });
    expect(report.contributorRules).toHaveLength(1);
    // alice's failures span two minutes: never 3 in each of two consecutive 5-minute periods
    expect(report.contributorRules[0].alarm.alarms).toBe(0);
    const tight = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, contributors: { threshold: 6, periodSeconds: 60 } });
    expect(tight.contributorRules[0].top[0]).toMatchObject({ total: 5, maxInPeriod: 2 });
    expect(tight.contributorRules[0].alarm.alarms).toBe(0);
    const none = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, contributors: null, trailHealth: null });
    expect(none.contributorRules).toEqual([]);
    expect(none.trailHealth).toBeUndefined();
  });

  it('models the trail-health alarm: when it would have fired had delivery stopped after the last event', async () => {
    const report = await runReplay([path.join(dir, 'logs')], { detections: DETECTIONS, compile: fakeCompile, trailHealth: { windowSeconds: 900, evaluationPeriods: 1 } });
    const last = Date.parse('2026-10-01T10:30:00Z');
    // 15-minute windows, a range of 3: the last datapoint with events leaves the range 45 minutes on
    expect(report.trailHealth!.firesAfterLastEvent).toBe(last + 46 * 60_000);
    expect(report.trailHealth!.firesIfRange).toEqual({ n: last + 16 * 60_000, wide: last + 61 * 60_000 });
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
    const text = formatTable(report, { source: 'test detections' });
    expect(text).toContain('Replayed 65 events from 5 files, 2026-10-01T08:00:10Z to 2026-10-01T10:30:00.123Z');
    expect(text).toMatch(/^console-sign-in-failures\s+high\s+7\s+5\s+1\s+>= 3 in 5 min$/m);
    expect(text).toMatch(/^unauthorized-api-calls\s+high\s+12\s+12\s+\d\*\s+>= 5 in 5 min, 2 of 3 periods$/m);
    expect(text).toContain('  ALARM 2026-10-01T08:12:00Z (Sum 4 >= 3), OK at 2026-10-01T08:17:00Z');
    expect(text).toMatch(/^ {4}111122223333 alice\s+5\s+5$/m);
    expect(text).toContain('    ALARM 2026-10-01T08:12:00Z: 203.0.113.50 4 times');
    expect(text).toMatch(/^Volume: [\d,]+ events\/day over the input's span, average event [\d,]+ bytes \(measured on 65 of 65 events\)/m);
    const json = JSON.parse(JSON.stringify(toJson(report, { source: 'x' })));
    expect(json.detections[0].alarm.transitions.find((t: { to: string }) => t.to === 'ALARM')).toEqual({ time: '2026-10-01T08:12:00Z', from: 'OK', to: 'ALARM', value: 4 });
    expect(json.contributorRules[0].alarmsFor[0]).toEqual({ time: '2026-10-01T08:12:00Z', key: '111122223333 alice', count: 4 });
    expect(json.volume).toMatchObject({ sampled: 65, eventsPerDay: expect.any(Number), averageEventBytes: expect.any(Number), bytesPerDay: expect.any(Number) });
    expect(json.trailHealth.firesAfterLastEvent).toMatch(/^2026-10-01T13:31:00Z$/);
  });
});
