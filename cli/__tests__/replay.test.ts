/**
 * `trailwatch replay` end to end: spawns the real CLI (bin/trailwatch.js) on the committed sample
 * logs (modules/replay/__tests__/fixtures), with the real pattern engine and detection catalogue.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtInDetections } from '../../modules/detections/catalogue';
import { compileAll, contributorSettings, resolveEnvironment } from '../replay';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'modules/replay/__tests__/fixtures';
const LOGS = `${FIXTURES}/logs`;

function trailwatch(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TRAILWATCH_CONFIG: 'config' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Alarm = { alarms: number; maxDatapoint: number; transitions: { time: string; from: string; to: string; value?: number }[] };
type JsonReport = {
  source: string;
  files: number;
  events: number;
  eventsAtEventTime: number;
  deliveryDelaySeconds: number;
  volume: { averageEventBytes: number; eventsPerDay: number; bytesPerDay: number; sampled: number };
  problems: { file: string; error?: string; badRecords: number; firstBadRecord?: string }[];
  detections: { id: string; matched: number; alarm: Alarm; samples: { principal: string }[] }[];
  contributorRules: { name: string; matched: number; evaluationPeriods: number; threshold: number; top: { key: string; total: number; maxInPeriod: number }[]; alarm: Alarm; alarmsFor: { time: string; key: string; count: number }[] }[];
  trailHealth?: { windowSeconds: number; evaluationPeriods: number; firesAfterLastEvent?: string };
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A file of CloudTrail records in S3 delivery shape. */
function records(name: string, recs: object[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify({ Records: recs }));
  return file;
}

const failedSignIn = (time: string, userName: string, errorMessage: string) => ({
  eventVersion: '1.08',
  eventTime: time,
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  recipientAccountId: '111122223333',
  sourceIPAddress: '198.51.100.7',
  userIdentity: { type: 'IAMUser', accountId: '111122223333', userName },
  responseElements: { ConsoleLogin: 'Failure' },
  additionalEventData: { MFAUsed: 'No' },
  errorMessage,
});

function json(...args: string[]): JsonReport {
  const r = trailwatch(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

const matched = (report: JsonReport) => Object.fromEntries(report.detections.map((d) => [d.id, d.matched]));

describe('trailwatch replay', () => {
  it('evaluates every built-in detection on every format in a folder (--json)', () => {
    const report = json(LOGS);
    expect(report).toMatchObject({ files: 5, events: 65, problems: [] });
    expect(report.source).toMatch(/^all built-in detections with catalogue defaults \(securityHub mode/);
    expect(report.detections).toHaveLength(17);
    expect(matched(report)).toMatchObject({
      'console-sign-in-failures': 7, // alice x5, bob, carol (S3 delivery file)
      'root-usage': 1, // root console sign-in
      'unauthorized-api-calls': 12, // AccessDenied
      'cloudtrail-changes': 1, // StopLogging
      'iam-policy-changes': 1, // PutUserPolicy (Event history export)
      'security-group-changes': 2, // AuthorizeSecurityGroupIngress (Lake JSON lines)
      'console-sign-in-without-mfa': 1, // dave (CloudWatch Logs export)
      'vpc-changes': 0,
      'organizations-changes': 0,
    });
    const stop = report.detections.find((d) => d.id === 'cloudtrail-changes')!;
    // StopLogging at 09:40:00: the 5-minute period ending 09:41 holds it
    expect(stop.alarm.transitions.filter((t) => t.to === 'ALARM')).toEqual([{ time: '2026-10-01T09:41:00Z', from: 'OK', to: 'ALARM', value: 1 }]);
    expect(report.volume).toMatchObject({ sampled: 65, averageEventBytes: expect.any(Number), eventsPerDay: expect.any(Number) });
    expect(report.trailHealth).toMatchObject({ windowSeconds: 3600, evaluationPeriods: 1, firesAfterLastEvent: '2026-10-01T13:31:00Z' });
  });

  it('replays the per-principal rules: a burst of failed sign-ins by one user among many successful ones (issue 7)', () => {
    const report = json(LOGS);
    const principal = report.contributorRules.find((r) => r.name === 'console-by-principal')!;
    expect(principal.top[0]).toEqual({ key: '111122223333 alice', total: 5, maxInPeriod: 5 });
    expect(principal.alarmsFor[0]).toEqual({ time: '2026-10-01T08:12:00Z', key: '111122223333 alice', count: 4 });
    expect(report.contributorRules.find((r) => r.name === 'console-by-source-ip')!.top[0]).toMatchObject({ key: '203.0.113.50', total: 5, maxInPeriod: 5 });
    // bob and carol failed once each; the 40 successful sign-ins are not counted
    expect(principal.matched).toBe(7);

    const table = trailwatch(LOGS);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^console-by-principal\s+7\s+3\s+5\s+\d\*?$/m);
    expect(table.stdout).toMatch(/^ {4}111122223333 alice\s+5\s+5$/m);
    expect(table.stdout).toContain('    ALARM 2026-10-01T08:12:00Z: 111122223333 alice 4 times');
  });

  it("takes Globex's rule as deployed: 4 failures in each of 2 periods, so alice's 5 failures in 2 minutes raise no alarm", () => {
    const report = json(LOGS, '--env', 'config/globex-prod.yaml');
    const principal = report.contributorRules.find((r) => r.name === 'console-by-principal')!;
    expect(principal).toMatchObject({ threshold: 4, evaluationPeriods: 2, matched: 7 });
    expect(principal.alarm.maxDatapoint).toBe(5);
    expect(principal.alarm.alarms).toBe(0);
    expect(report.trailHealth).toMatchObject({ windowSeconds: 1800, evaluationPeriods: 2 });
  });

  it('counts failed sign-ins by the rule filter in securityHub mode too: an unknown user name is a failure the CIS pattern does not match', () => {
    const file = records('unknown-user.json', [
      failedSignIn('2026-10-01T08:03:10Z', 'mallory', 'No username found in supplied account'),
      failedSignIn('2026-10-01T08:04:20Z', 'mallory', 'No username found in supplied account'),
      failedSignIn('2026-10-01T08:06:05Z', 'mallory', 'No username found in supplied account'),
    ]);
    const report = json(file, '--mode', 'securityHub');
    expect(report.detections.find((d) => d.id === 'console-sign-in-failures')!.matched).toBe(0);
    const principal = report.contributorRules.find((r) => r.name === 'console-by-principal')!;
    expect(principal.matched).toBe(3);
    // 08:03:10, 08:04:20, 08:06:05: three in the five minutes ending 08:07, though no clock-aligned period holds three
    expect(principal.alarmsFor).toEqual([{ time: '2026-10-01T08:07:00Z', key: '111122223333 mallory', count: 3 }]);
  });

  it('--samples: 0 lists no events (even when some match), 1 lists one; a negative, fractional or empty count is refused', () => {
    const none = json(LOGS, '--samples', '0');
    expect(none.detections.every((d) => d.samples.length === 0)).toBe(true);
    expect(trailwatch(LOGS, '--samples', '0').stdout).not.toContain('First matching events');
    const one = json(LOGS, '--samples', '1');
    expect(one.detections.find((d) => d.id === 'console-sign-in-failures')!.samples).toHaveLength(1);
    const many = json(LOGS, '--samples', '1000');
    expect(many.detections.find((d) => d.id === 'unauthorized-api-calls')!.samples).toHaveLength(12);
    for (const bad of ['-1', '1.5', '', 'x']) {
      const r = trailwatch(LOGS, '--samples', bad);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/--samples <n>' argument .* is invalid\. must be a whole number \(0 or more\)/);
    }
  });

  it('--delivery-delay: 0 by default, up to 86400 seconds moves alarms later; outside that it is refused', () => {
    const base = json(LOGS);
    const at = (r: JsonReport) => r.detections.find((d) => d.id === 'cloudtrail-changes')!.alarm.transitions.find((t) => t.to === 'ALARM')!.time;
    expect(base.deliveryDelaySeconds).toBe(0);
    const late = json(LOGS, '--delivery-delay', '300');
    expect(late.deliveryDelaySeconds).toBe(300);
    expect(at(late)).toBe('2026-10-01T09:46:00Z');
    expect(at(base)).toBe('2026-10-01T09:41:00Z');
    expect(json(LOGS, '--delivery-delay', '86400').deliveryDelaySeconds).toBe(86400);
    for (const bad of ['-1', '86401', '2.5', '']) {
      const r = trailwatch(LOGS, '--delivery-delay', bad);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/--delivery-delay <seconds>' argument .* is invalid\. must be a whole number of seconds from 0 to 86400/);
    }
    expect(trailwatch(LOGS).stdout).toContain('(model a delay with --delivery-delay <seconds>)');
  });

  it('--mode: securityHub or tuned; anything else is refused', () => {
    expect(json(LOGS, '--mode', 'tuned').source).toMatch(/\(tuned mode;/);
    const r = trailwatch(LOGS, '--mode', 'strict');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/argument 'strict' is invalid\. Allowed choices are securityHub, tuned/);
  });

  it('skips records whose eventTime is not a real CloudTrail time, saying why, and reads the rest', () => {
    const ok = failedSignIn('2026-10-01T08:03:10Z', 'alice', 'Failed authentication');
    const file = records('times.json', [
      ok,
      { ...ok, eventTime: '0100-01-01T00:00:00Z' },
      { ...ok, eventTime: '2999-01-01T00:00:00Z' },
      { ...ok, eventTime: 'yesterday' },
      { ...ok, eventTime: 1790841790 },
    ]);
    const r = trailwatch(file, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.events).toBe(1);
    expect(report.problems[0]).toMatchObject({ badRecords: 4 });
    expect(report.problems[0].firstBadRecord).toMatch(/eventTime "0100-01-01T00:00:00Z" 0100-01-01T00:00:00.000Z is before 2013, when CloudTrail began/);
    expect(r.stderr).toMatch(/times\.json: 4 records skipped \(eventTime "0100-01-01T00:00:00Z" .* is before 2013/);
  });

  it('recognises a tar archive (a gzipped npm package) as not a log file', () => {
    // A ustar header: name, then "ustar" at offset 257; contents that would parse as "<timestamp> <message>" lines.
    const header = Buffer.alloc(512);
    header.write('package/notes.txt', 0);
    header.write('ustar\u000000', 257);
    const body = Buffer.from('100 a line that looks like a CloudWatch Logs export\n28606 another\n'.padEnd(512, '\u0000'));
    const file = path.join(tmp, 'package.tgz');
    fs.writeFileSync(file, gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])));
    const r = trailwatch(file, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped .*package\.tgz: a tar archive \(gzip\), not a log file: extract it and replay the extracted files/);
    expect((JSON.parse(r.stdout) as JsonReport).events).toBe(0);
  });

  it('prints a table by default, without a progress bar when stderr is not a terminal', () => {
    const r = trailwatch(LOGS);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Replayed 65 events from 5 files, 2026-10-01T08:00:10Z to 2026-10-01T10:30:00.123Z');
    expect(r.stdout).toMatch(/^DETECTION\s+SEVERITY\s+MATCHED\s+MAX\/PERIOD\s+ALARMS\s+ALARM RULE$/m);
    expect(r.stdout).toMatch(/^root-usage\s+\S+\s+1\s+1\s+1\s/m);
    expect(r.stdout).toContain('  ALARM 2026-10-01T09:11:00Z (Sum 1 >= 1), OK at 2026-10-01T09:21:00Z');
    expect(r.stdout).toMatch(/2026-10-01T09:10:00Z\s+111122223333\s+arn:aws:iam::111122223333:root\s+192\.0\.2\.10\s+ConsoleLogin/);
    expect(r.stdout).toMatch(/^Volume: [\d,]+ events\/day over the input's span, average event [\d,]+ bytes/m);
    expect(r.stdout).toContain('  had delivery stopped after the last event: ALARM at 2026-10-01T13:31:00Z, 3 h 1 min after it (1 h 1 min with an evaluation range of N, 4 h 1 min with an evaluation range of 2N + 2)');
  });

  it('prints exactly the sample output of docs/replay.md (What the output says)', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/replay.md'), 'utf8');
    const intro = 'This is the output of `npx trailwatch replay modules/replay/__tests__/fixtures/logs --samples 2`';
    expect(doc).toContain(intro);
    const block = doc.slice(doc.indexOf(intro)).match(/```text\n([\s\S]*?)```/)![1];
    expect(trailwatch(LOGS, '--samples', '2').stdout).toBe(block);
  });

  it('uses the detections of an environment, by config file or by name', () => {
    const byFile = json(LOGS, '--env', 'config/acme-prod.yaml');
    expect(byFile.source).toMatch(/^environment acme-prod \(config\/acme-prod\.yaml, \w+ mode\)$/);
    const byName = json(LOGS, '--env', 'acme-prod');
    expect(byName.detections.map((d) => d.id)).toEqual(byFile.detections.map((d) => d.id));
  });

  it('replays an environment on an existing trail\'s log group (existingTrail: Control Tower), naming it in the header', () => {
    // initech-controltower creates no trail: its alarms sit on aws-controltower/CloudTrailLogs. Replay
    // needs only its detections, so the same logs give the same matches as for an own trail.
    const r = trailwatch(LOGS, '--env', 'config/initech-controltower.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Detections: \d+, from environment initech-controltower \(config\/initech-controltower\.yaml, securityHub mode\)$/m);
    expect(r.stdout).toMatch(/^root-usage\s+\S+\s+1\s+1\s+1\s/m);
    const byName = json(LOGS, '--env', 'initech-controltower');
    expect(byName.source).toBe('environment initech-controltower (config/initech-controltower.yaml, securityHub mode)');
    expect(matched(byName)).toMatchObject({ 'root-usage': 1, 'console-sign-in-failures': 7, 'cloudtrail-changes': 1 });
  });

  it('--env takes an environment file outside config/', () => {
    const outside = path.join(tmp, 'elsewhere', 'org.yaml');
    fs.mkdirSync(path.dirname(outside), { recursive: true });
    fs.copyFileSync('config/acme-prod.yaml', outside);
    const report = json(LOGS, '--env', outside);
    expect(report.source).toBe(`environment acme-prod (${outside}, ${json(LOGS, '--env', 'config/acme-prod.yaml').source.match(/, (\w+) mode\)$/)![1]} mode)`);
  });

  it('reports corrupt files on stderr, skips them, counts them, and still reports everything else', () => {
    const r = trailwatch(FIXTURES);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped .*corrupt\/empty\.json: empty file/);
    expect(r.stderr).toMatch(/skipped .*corrupt\/not-json\.json: not valid JSON/);
    expect(r.stderr).toMatch(/skipped .*corrupt\/truncated\.json\.gz: gzip: /);
    expect(r.stderr).toMatch(/corrupt\/one-bad-line\.jsonl: 1 record skipped \(line 2: /);
    expect(r.stderr).toMatch(/3 of 9 files could not be read \(or only in part\); 1 had records skipped/);
    expect(r.stdout).toContain('Replayed 67 events from 9 files');
    expect(r.stdout).toMatch(/^root-usage\s+\S+\s+3\s/m);
  });

  it('fails with a clear message on a missing path or an unknown environment', () => {
    const missing = trailwatch('no/such/folder');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no/such/folder: no such file or folder');
    const empty = path.join(tmp, 'empty-folder');
    fs.mkdirSync(empty, { recursive: true });
    const none = trailwatch(empty);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`no files under ${empty}`);
    const env = trailwatch(LOGS, '--env', 'nope');
    expect(env.status).toBe(1);
    expect(env.stderr).toMatch(/--env nope: no such config file, and no environment of that name \(environments: .*acme-prod.*\)/);
  });
});

describe('compileAll', () => {
  it('fails before any file is read when a pattern is broken, naming every broken detection with the caret message', () => {
    const base = builtInDetections('securityHub')[0];
    const broken = [
      { ...base, id: 'custom-one', pattern: '{ $.eventName = ' },
      base,
      { ...base, id: 'custom-two', pattern: '{ ($.eventName = "X" }' },
    ];
    expect(() => compileAll(broken)).toThrow(/^invalid filter pattern:\ndetection custom-one: .*column \d+[\s\S]*\^[\s\S]*detection custom-two: /);
  });

  it('compiles every built-in pattern of both modes', () => {
    for (const mode of ['securityHub', 'tuned'] as const) expect(() => compileAll(builtInDetections(mode))).not.toThrow();
  });
});

describe('contributorSettings', () => {
  it("takes the environment's per-principal rule: threshold, period, evaluation periods, sources, keys; none when turned off", () => {
    const { env } = resolveEnvironment('config/acme-prod.yaml');
    const tuned = {
      ...env,
      bruteForce: { ...env.bruteForce, threshold: 10, periodSeconds: 600, evaluationPeriods: 2, sources: ['console' as const], countBy: ['principal' as const], principalKeys: { console: ['$.userIdentity.arn'], identityCenter: ['$.userIdentity.userName'] }, sourceIpKeys: ['$.sourceIPAddress'] },
    };
    expect(contributorSettings(tuned)).toEqual({
      threshold: 10,
      periodSeconds: 600,
      evaluationPeriods: 2,
      sources: ['console'],
      countBy: ['principal'],
      keys: { console: ['$.userIdentity.arn'], identityCenter: ['$.userIdentity.userName'], sourceIp: ['$.sourceIPAddress'] },
    });
    expect(contributorSettings({ ...env, bruteForce: { ...env.bruteForce, enabled: false } })).toBeNull();
    expect(contributorSettings(undefined)).toMatchObject({ threshold: 3, periodSeconds: 300, keys: { console: ['$.recipientAccountId', '$.userIdentity.userName'] } });
  });
});
