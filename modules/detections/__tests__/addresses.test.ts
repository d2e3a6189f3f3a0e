/**
 * Terraform addresses of detection filters and alarms are public contract: changing one replaces the
 * resource (and loses the alarm's history). complianceMode both adds resources; it must not move
 * any that securityHub or tuned mode already has.
 */
import { App, Testing } from 'cdktf';
import golden from './fixtures/detection-addresses.json';
import { loadExamples } from '../../../config/__tests__/examples';
import type { Environment } from '../../../config/environment-schema';
import { EnvironmentStack } from '../../../stacks/environment-stack';

function detectionAddresses(env: Environment): string[] {
  const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env, { backend: 'local' }), true));
  const filters = Object.keys(json.resource.aws_cloudwatch_log_metric_filter ?? {}).map((k) => `aws_cloudwatch_log_metric_filter.${k}`);
  const alarms = Object.keys(json.resource.aws_cloudwatch_metric_alarm ?? {})
    .filter((k) => k.startsWith('detections_'))
    .map((k) => `aws_cloudwatch_metric_alarm.${k}`);
  return [...filters, ...alarms].sort();
}

const examples = loadExamples();
const withMode = (env: Environment, complianceMode: Environment['detections']['complianceMode']): Environment => ({
  ...env,
  detections: { ...env.detections, complianceMode, automationRoleNames: complianceMode === 'securityHub' ? [] : env.detections.automationRoleNames },
});

describe.each(examples.map((e) => [e.env.name, e.env] as const))('detection addresses of %s', (name, env) => {
  const recorded = (golden.addresses as Record<string, string[]>)[name];

  it('are the ones recorded before complianceMode both existed', () => {
    expect(detectionAddresses(env)).toEqual(recorded);
  });

  it('are the same in securityHub and tuned mode, and both mode keeps every one of them and only adds', () => {
    const sh = detectionAddresses(withMode(env, 'securityHub'));
    const tuned = detectionAddresses(withMode(env, 'tuned'));
    expect(sh).toEqual(recorded);
    expect(tuned).toEqual(recorded);
    const both = detectionAddresses(withMode(env, 'both'));
    expect(both).toEqual(expect.arrayContaining(recorded));
    const added = both.filter((a) => !recorded.includes(a));
    expect(added.length).toBeGreaterThan(0);
    for (const a of added) expect(a).toMatch(/^aws_cloudwatch_(log_metric_filter|metric_alarm)\.detections_(filter|alarm)-[a-z0-9-]+-security-hub_[0-9A-F]{8}$/);
  });
});
