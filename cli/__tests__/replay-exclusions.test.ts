/**
 * `trailwatch replay --env`: what each exclusion and each automation role costs, in the table and in
 * --json, on the committed sample logs (12 AccessDenied, one PutUserPolicy and two security group
 * changes, all by the role `developer`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configDir, validYaml } from '../../config/__tests__/helpers';

const ROOT = path.resolve(__dirname, '../..');
const LOGS = 'modules/replay/__tests__/fixtures/logs';

const env = configDir({
  'tune.yaml': `${validYaml('tune-test')}${[
    'detections:',
    '  complianceMode: tuned',
    '  automationRoleNames: [developer]',
    '  exclusions:',
    '    unauthorized-api-calls:',
    '      - field: userIdentity.sessionContext.sessionIssuer.userName',
    '        equals: developer',
    '        reason: the developer role is noisy',
    '      - { field: errorCode, in: [Client.UnauthorizedOperation], reason: EC2 dry runs }',
  ].join('\n')}\n`,
});

function replay(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', LOGS, '--env', path.join(env, 'tune.yaml'), ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('trailwatch replay: events removed by each exclusion', () => {
  it('lists them in the table, including for a detection they left with nothing to match', () => {
    const out = replay();
    expect(out).toMatch(/^unauthorized-api-calls\s+low\s+0\s+0\s+0\s/m);
    expect(out).toContain('Events left out by exclusions');
    expect(out).toMatch(/^unauthorized-api-calls\s+12\s+automationRoleNames\[0\]: developer$/m);
    expect(out).toMatch(/^unauthorized-api-calls\s+12\s+exclusions\.unauthorized-api-calls\[0\]: the developer role is noisy$/m);
    expect(out).toMatch(/^unauthorized-api-calls\s+0\s+exclusions\.unauthorized-api-calls\[1\]: EC2 dry runs$/m);
    expect(out).toMatch(/^iam-policy-changes\s+1\s+automationRoleNames\[0\]: developer$/m);
    expect(out).toMatch(/^security-group-changes\s+2\s+automationRoleNames\[0\]: developer$/m);
    // never on detections that leave nothing out (the trail's own changes)
    expect(out).not.toMatch(/^cloudtrail-changes\s+\d+\s+automationRoleNames/m);
  });

  it('puts them in --json, with source, label, condition and count', () => {
    const report = JSON.parse(replay('--json')) as { detections: { id: string; matched: number; exclusions?: { source: string; label: string; condition: string; removed: number }[] }[] };
    const unauthorized = report.detections.find((d) => d.id === 'unauthorized-api-calls')!;
    expect(unauthorized.matched).toBe(0);
    expect(unauthorized.exclusions).toEqual([
      { source: 'automationRoleNames[0]', label: 'developer', condition: expect.stringContaining('assumed-role/developer/'), removed: 12 },
      {
        source: 'exclusions.unauthorized-api-calls[0]',
        label: 'the developer role is noisy',
        condition: '($.userIdentity.sessionContext.sessionIssuer.userName NOT EXISTS) || ($.userIdentity.sessionContext.sessionIssuer.userName != "developer")',
        removed: 12,
      },
      { source: 'exclusions.unauthorized-api-calls[1]', label: 'EC2 dry runs', condition: expect.stringContaining('Client.UnauthorizedOperation'), removed: 0 },
    ]);
    expect(report.detections.find((d) => d.id === 'cloudtrail-changes')!.exclusions).toBeUndefined();
  });

  it('shows no exclusion section without --env (catalogue defaults have none)', () => {
    const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', LOGS], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).not.toContain('Events left out by exclusions');
  });
});

describe('trailwatch replay --env config/globex-prod.yaml: the scanner exclusion keeps IAM users', () => {
  // (The alarm itself is asserted by the replay tests: its JSON shape is theirs.)
  it('counts six denied calls by an IAM user (no sessionContext), at the threshold of 5; the exclusion removes none of them', () => {
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, '__tests__/fixtures/cloudtrail/panther-lambda-listfunctions-accessdenied.json'), 'utf8')).event;
    const records = Array.from({ length: 6 }, (_, i) => ({ ...template, eventID: `denied-${i}`, eventTime: `2026-10-01T09:0${i}:10Z`, sourceIPAddress: '203.0.113.9' }));
    const dir = configDir({ 'iam-user-denied.json': JSON.stringify({ Records: records }) });
    const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'replay', dir, '--env', 'config/globex-prod.yaml', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { detections: { id: string; matched: number; threshold: number; exclusions?: { source: string; removed: number }[] }[] };
    const d = report.detections.find((x) => x.id === 'unauthorized-api-calls')!;
    expect(d.matched).toBe(6);
    expect(d.threshold).toBe(5);
    expect(d.exclusions).toEqual([
      expect.objectContaining({ source: 'automationRoleNames[0]', removed: 0 }),
      expect.objectContaining({ source: 'exclusions.unauthorized-api-calls[0]', removed: 0 }),
    ]);
  });
});
