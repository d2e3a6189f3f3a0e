/**
 * The environment stack composes the sign-in failure rules and the trail-health alarm on the
 * organization trail's log group, routed through the environment's alert topics.
 */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../../../config/__tests__/examples';
import type { Environment } from '../../../config/environment-schema';
import { EnvironmentStack } from '../../../stacks/environment-stack';

const examples = loadExamples().map((e) => e.env);
const byName = (name: string) => examples.find((e) => e.name === name)!;

function build(env: Environment) {
  const stack = new EnvironmentStack(new App(), env, { backend: 'local' });
  return { stack, json: JSON.parse(Testing.synth(stack, true)) };
}

describe('EnvironmentStack: sign-in failures and trail health', () => {
  it.each(examples.map((e) => e.name))('%s: rules and alarms on the trail log group, actions on the environment topics', (name) => {
    const { stack, json } = build(byName(name));
    const logGroupName = stack.logGroupName;
    expect(logGroupName).not.toMatch(/\$\{/); // a plain string, known at plan time
    const rules = Object.values<any>(json.resource.aws_cloudwatch_contributor_insight_rule);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const rule of rules) expect(JSON.parse(rule.rule_definition).LogGroupNames).toEqual([logGroupName]);

    const alarms = Object.values<any>(json.resource.aws_cloudwatch_metric_alarm);
    const health = alarms.find((a) => a.alarm_name.endsWith('-trail-delivery-stopped'));
    expect(health.dimensions).toEqual({ LogGroupName: logGroupName });
    const mine = alarms.filter((a) => a.alarm_name.includes('-sign-in-failures-') || a === health);
    expect(mine.length).toBe(rules.length + 1);
    for (const alarm of mine) {
      expect(alarm.alarm_actions.length).toBeGreaterThan(0);
      for (const action of alarm.alarm_actions) expect(action).toMatch(new RegExp(`^arn:aws:sns:${stack.env.homeRegion}:${stack.env.managementAccountId}:`));
      expect(alarm.alarm_description.length).toBeLessThanOrEqual(1024);
    }
    expect(stack.signInFailures?.byName.size).toBe(rules.length);
    expect(stack.trailHealth?.alarm).toBeDefined();
  });

  it('leaves both out when the environment turns them off', () => {
    const env = { ...byName('acme-sandbox'), bruteForce: { ...byName('acme-sandbox').bruteForce, enabled: false }, trailHealth: { ...byName('acme-sandbox').trailHealth, enabled: false } };
    const { stack, json } = build(env);
    expect(json.resource.aws_cloudwatch_contributor_insight_rule).toBeUndefined();
    expect(Object.values<any>(json.resource.aws_cloudwatch_metric_alarm ?? {}).some((a) => a.alarm_name.endsWith('-trail-delivery-stopped'))).toBe(false);
    expect(stack.signInFailures).toBeUndefined();
    expect(stack.trailHealth).toBeUndefined();
  });
});
