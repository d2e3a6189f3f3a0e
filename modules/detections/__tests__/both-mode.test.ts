/**
 * complianceMode both, end to end through the environment stack: the Security Hub-exact filters are
 * byte-identical to the golden strings and alarm to the `securityHubSeverity` route (info: the
 * digest), the tuned ones alarm by their own severity (the pager); names say which is which.
 */
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { configDir, validYaml } from '../../../config/__tests__/helpers';
import { loadFile, loadEnvironmentsOrThrow } from '../../../config/load';
import { EnvironmentStack } from '../../../stacks/environment-stack';
import { resolveDetections } from '../../../config/modules/detections/resolve';

const golden = (require('./fixtures/security-hub-patterns.json') as { patterns: Record<string, string> }).patterns;
const BOTH_MODE_CONFIG = path.join(__dirname, 'fixtures', 'both-mode.yaml');

describe('complianceMode both (environment stack)', () => {
  const [{ env }] = loadEnvironmentsOrThrow(BOTH_MODE_CONFIG);
  const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env, { backend: 'local' }), true));
  const filters = Object.values<any>(json.resource.aws_cloudwatch_log_metric_filter);
  const alarms = Object.values<any>(json.resource.aws_cloudwatch_metric_alarm).filter((a) => a.tags?.['trailwatch:detection']);
  const byName = (name: string) => ({ filter: filters.find((f) => f.name === name), alarm: alarms.find((a) => a.alarm_name === name) });
  const prefix = `trailwatch-${env.name}`;
  const resolved = resolveDetections(env.detections);
  const copies = resolved.filter((r) => r.variant === 'securityHubExact');

  it('has a filter and an alarm for every tuned detection and every exact copy', () => {
    expect(filters).toHaveLength(resolved.length);
    expect(alarms).toHaveLength(resolved.length);
    // the 5 controls whose tuned pattern differs, plus the 6 change monitors the automation role or the exclusion changes
    expect(copies.map((c) => c.detection.references.securityHub).sort()).toEqual(
      ['CloudWatch.2', 'CloudWatch.4', 'CloudWatch.5', 'CloudWatch.6', 'CloudWatch.8', 'CloudWatch.10', 'CloudWatch.11', 'CloudWatch.12', 'CloudWatch.13', 'CloudWatch.14'].sort(),
    );
  });

  it('gives each exact copy the golden pattern byte for byte and routes it to the info topic only', () => {
    for (const c of copies) {
      const id = c.detection.id.replace(/-security-hub$/, '');
      const exact = byName(`${prefix}-${id}-security-hub`);
      expect(exact.filter.pattern).toBe(golden[c.detection.references.securityHub!]);
      expect(exact.alarm.alarm_actions).toEqual([`arn:aws:sns:eu-central-1:123456789012:${prefix}-digest`]);
      expect(exact.alarm.alarm_description).toMatch(/^\[info\] .*\(Security Hub CloudWatch\.\d+ exact pattern\)/);
      const tuned = byName(`${prefix}-${id}`);
      expect(tuned.filter.pattern).not.toBe(exact.filter.pattern);
      expect(tuned.alarm.alarm_actions).toEqual([`arn:aws:sns:eu-central-1:123456789012:${prefix}-pager`]);
    }
  });

  it('keeps exclusions and automation roles on the tuned filters only', () => {
    expect(byName(`${prefix}-unauthorized-api-calls`).filter.pattern).toContain('"Scanner"');
    expect(byName(`${prefix}-unauthorized-api-calls`).filter.pattern).toContain('assumed-role/Deploy/');
    expect(byName(`${prefix}-unauthorized-api-calls-security-hub`).filter.pattern).toBe(golden['CloudWatch.2']);
  });

  it('counts both filters of every pair against the 100-filter quota at config load', () => {
    const custom = (n: number) =>
      Array.from({ length: n }, (_, i) => `    - { id: custom-${i}, title: T, description: D., pattern: '{ $.eventName = "E${i}" }' }`).join('\n');
    const load = (mode: string, n: number) => {
      const dir = configDir({ 'env.yaml': `${validYaml()}detections:\n  complianceMode: ${mode}\n  custom:\n${custom(n)}\n` });
      return loadFile(path.join(dir, 'env.yaml')).problems;
    };
    expect(load('tuned', 83)).toEqual([]); // 17 built-ins + 83 = 100
    const both = load('both', 83); // + 5 exact copies
    expect(both).toEqual([expect.stringMatching(/detections: 105 metric filters on one log group \(105 detections\) is over the CloudWatch Logs quota of 100/)]);
  });
});
