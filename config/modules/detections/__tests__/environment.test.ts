/** The detections block of each example environment's stack: what config turns on is what is deployed. */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../../../__tests__/examples';
import { EnvironmentStack } from '../../../../stacks/environment-stack';
import { ALARM_DESCRIPTION_LIMIT } from '../../../../modules/common/alarm-description';
import { enabledDetections } from '../resolve';

const examples = loadExamples();

describe.each(examples.map((e) => [e.env.name, e.env] as const))('detections of %s', (_name, env) => {
  const stack = new EnvironmentStack(new App(), env, { backend: 'local' });
  const json = JSON.parse(Testing.synth(stack, true));
  const filters = Object.values(json.resource.aws_cloudwatch_log_metric_filter ?? {}) as any[];
  const alarms = (Object.values(json.resource.aws_cloudwatch_metric_alarm ?? {}) as any[]).filter((a) => a.tags?.['trailwatch:detection']);
  const expected = enabledDetections(env);

  it('has one filter and one alarm per enabled detection, on the trail log group, in the configured namespace', () => {
    expect(filters.map((f) => f.name).sort()).toEqual(expected.map((d) => `${env.namingPrefix}-${env.name}-${d.id}`).sort());
    expect(alarms).toHaveLength(expected.length);
    for (const f of filters) {
      expect(f.log_group_name).toBe(stack.logGroupName);
      expect(f.metric_transformation.namespace).toBe(env.detections.metricNamespace);
    }
  });

  it('routes every alarm to at least one topic of this environment, with a description within the limit', () => {
    for (const a of alarms) {
      expect(a.alarm_actions.length).toBeGreaterThan(0);
      for (const arn of a.alarm_actions) expect(arn).toMatch(new RegExp(`^arn:aws:sns:${env.homeRegion}:${env.managementAccountId}:`));
      expect(a.alarm_description.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
      expect(a.alarm_description).toContain(`Environment: ${env.name} (management account ${env.managementAccountId}, ${env.homeRegion})`);
    }
  });
});
