/**
 * `trailwatch replay` end to end: spawns the real CLI (bin/trailwatch.js) on the committed sample
 * logs (modules/replay/__tests__/fixtures), with the real pattern engine and detection catalogue.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { builtInDetections } from '../../modules/detections/catalogue';
import { compileAll, contributorSettings, resolveEnvironment } from '../replay';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'modules/replay/__tests__/fixtures';
const LOGS = `${FIXTURES}/logs`;

function trailwatch(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TRAILWATCH_CONFIG: 'config' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type JsonReport = {
  source: string;
  files: number;
  events: number;
  problems: { file: string; error?: string; badRecords: number }[];
  detections: { id: string; matched: number; alarm: { alarms: { start: string }[] }; samples: { principal: string }[]; contributors?: any }[];
};

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
    expect(stop.alarm.alarms).toEqual([expect.objectContaining({ start: '2026-10-01T09:40:00Z' })]);
  });

  it('reports per-principal counts for a burst of failed sign-ins by one user among many successful ones (issue 7)', () => {
    const report = json(LOGS);
    const failures = report.detections.find((d) => d.id === 'console-sign-in-failures')!;
    expect(failures.contributors.principal.top[0]).toEqual({ key: '111122223333 alice', total: 5, maxInPeriod: 5, periodsAtThreshold: 1 });
    expect(failures.contributors.principal.alarmPeriods).toEqual([{ start: '2026-10-01T08:10:00Z', key: '111122223333 alice', count: 5 }]);
    expect(failures.contributors.sourceIp.top[0]).toMatchObject({ key: '203.0.113.50', total: 5, maxInPeriod: 5 });
    // bob and carol failed once each: counted, never at the threshold; the 40 successful sign-ins are not counted
    expect(failures.contributors.principal.distinct).toBe(3);
    expect(failures.contributors.principal.top.slice(1).every((c: { periodsAtThreshold: number }) => c.periodsAtThreshold === 0)).toBe(true);

    const table = trailwatch(LOGS);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/By principal \(3 distinct; per-principal rule: >= 3 in 5 min\):/);
    expect(table.stdout).toMatch(/^ {4}111122223333 alice\s+5\s+5\s+1$/m);
    expect(table.stdout).toContain('    ALARM 2026-10-01T08:10:00Z: 111122223333 alice 5 times');
  });

  it('prints a table by default, without a progress bar when stderr is not a terminal', () => {
    const r = trailwatch(LOGS);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Replayed 65 events from 5 files, 2026-10-01T08:00:10Z to 2026-10-01T10:30:00Z');
    expect(r.stdout).toMatch(/^DETECTION\s+SEVERITY\s+MATCHED\s+MAX\/PERIOD\s+ALARMS\s+ALARM RULE$/m);
    expect(r.stdout).toMatch(/^root-usage\s+\S+\s+1\s+1\s+1\s/m);
    expect(r.stdout).toMatch(/2026-10-01T09:10:00Z\s+111122223333\s+arn:aws:iam::111122223333:root\s+192\.0\.2\.10\s+ConsoleLogin/);
  });

  it('uses the detections of an environment, by config file or by name', () => {
    const byFile = json(LOGS, '--env', 'config/acme-prod.yaml');
    expect(byFile.source).toMatch(/^environment acme-prod \(config\/acme-prod\.yaml, \w+ mode\)$/);
    const byName = json(LOGS, '--env', 'acme-prod');
    expect(byName.detections.map((d) => d.id)).toEqual(byFile.detections.map((d) => d.id));
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
  it("takes the environment's per-principal rule: threshold, period and keys", () => {
    const { env } = resolveEnvironment('config/acme-prod.yaml');
    const tuned = { ...env, bruteForce: { ...env.bruteForce, threshold: 10, periodSeconds: 600, principalKeys: { console: ['$.userIdentity.arn'], identityCenter: ['$.userIdentity.userName'] }, sourceIpKeys: ['$.sourceIPAddress'] } };
    expect(contributorSettings(tuned)).toEqual({ threshold: 10, periodSeconds: 600, keys: { console: ['$.userIdentity.arn'], identityCenter: ['$.userIdentity.userName'], sourceIp: ['$.sourceIPAddress'] } });
    expect(contributorSettings(undefined)).toMatchObject({ threshold: 3, periodSeconds: 300, keys: { console: ['$.recipientAccountId', '$.userIdentity.userName'] } });
  });
});
