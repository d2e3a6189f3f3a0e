/** `npm run synth` prints warnings (valid but probably not meant) on stderr and still synthesizes. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDir, validYaml } from '../config/__tests__/helpers';

const ROOT = path.resolve(__dirname, '..');

describe('synth (main.ts) warnings', () => {
  it('one line per securityHub-mode detection whose exclusions make its control FAILED, and one per risky custom negation', () => {
    const yaml = `${validYaml()}${[
      'detections:',
      '  exclusions:',
      '    unauthorized-api-calls:',
      '      - { field: userIdentity.sessionContext.sessionIssuer.userName, equals: Scanner, reason: scanner }',
      '      - { field: eventName, equals: GetMacieSession, reason: Macie }',
      '    vpc-changes:',
      '      - { field: userIdentity.arn, like: "*:assumed-role/Net/*", reason: network pipeline }',
      '  custom:',
      `    - { id: not-scanner, title: T, description: D., pattern: '{ ($.eventName = "X") && ($.userIdentity.arn != "a") }' }`,
    ].join('\n')}\n`;
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-out-')), 'cdktf.out');
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, TRAILWATCH_CONFIG: configDir({ 'env.yaml': yaml }), CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^trailwatch: warning: .*env\.yaml: detections\.custom\[0\]\.pattern: \$\.userIdentity\.arn != "a" is false for every event without userIdentity\.arn/),
      expect.stringMatching(/^trailwatch: warning: .*env\.yaml: detections\.exclusions\.unauthorized-api-calls: Security Hub will report FAILED for CloudWatch\.2 because .* \(line \d+\)$/),
      expect.stringMatching(/^trailwatch: warning: .*env\.yaml: detections\.exclusions\.vpc-changes: Security Hub will report FAILED for CloudWatch\.14 because /),
    ]);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'trailwatch-test-env'))).toBe(true);
  });
});
