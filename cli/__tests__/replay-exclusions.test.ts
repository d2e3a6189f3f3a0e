/**
 * `trailwatch replay --env`: what each exclusion and each automation role costs, in the table and in
 * --json, on the committed sample logs (12 AccessDenied, one PutUserPolicy and two security group
 * changes, all by the role `developer`).
 */
import { spawnSync } from 'node:child_process';
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
