/**
 * Real Terraform (hashicorp/aws 5.100.0, offline) on a stack with the per-principal sign-in failure
 * rules and alarms and the trail-health alarm: the provider's own schema validation, and a plan.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { planStack, terraformAvailable, validateStack } from '../../../__tests__/support/terraform';
import { TrailHealth } from '../../trail-health/trail-health';
import { SignInBruteForce } from '../sign-in-brute-force';
import { context, fakeRouting } from './support';

const maybe = terraformAvailable() ? it : it.skip;

function stack(): TerraformStack {
  const s = new TerraformStack(new App(), 'beyond-counting');
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  const common = { logGroupName: context.logGroupName, routing: fakeRouting, context, namePrefix: 'acme-acme-prod' };
  new SignInBruteForce(s, 'sign-in-brute-force', { ...common, evaluationPeriods: 2 });
  new TrailHealth(s, 'trail-health', common);
  return s;
}

describe('SignInBruteForce and TrailHealth with real Terraform', () => {
  maybe('validate', () => {
    validateStack(stack());
  });

  maybe('plan offline: four enabled rules, their metric-math alarms and the trail-health alarm, all creates', () => {
    const changes = planStack(stack()).resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    const rules = changes.filter((c) => c.type === 'aws_cloudwatch_contributor_insight_rule');
    const alarms = changes.filter((c) => c.type === 'aws_cloudwatch_metric_alarm');
    expect(rules).toHaveLength(4);
    expect(alarms).toHaveLength(5);
    for (const rule of rules) {
      expect(rule.change.after.rule_state).toBe('ENABLED');
      const body = JSON.parse(rule.change.after.rule_definition as string);
      expect(body.LogGroupNames).toEqual([context.logGroupName]);
      expect(body.AggregateOn).toBe('Count');
    }
    const byIp = alarms.find((a) => a.change.after.alarm_name === 'acme-acme-prod-sign-in-failures-identity-center-by-source-ip')!;
    expect(byIp.change.after).toMatchObject({ threshold: 3, comparison_operator: 'GreaterThanOrEqualToThreshold', evaluation_periods: 2 });
    expect((byIp.change.after.metric_query as any[])[0]).toMatchObject({
      expression: "INSIGHT_RULE_METRIC('acme-acme-prod-sign-in-failures-identity-center-by-source-ip', 'MaxContributorValue')",
      period: 300,
      return_data: true,
    });
    const health = alarms.find((a) => a.change.after.alarm_name === 'acme-acme-prod-trail-delivery-stopped')!;
    expect(health.change.after).toMatchObject({
      namespace: 'AWS/Logs',
      metric_name: 'IncomingLogEvents',
      dimensions: { LogGroupName: context.logGroupName },
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      period: 3600,
      treat_missing_data: 'breaching',
    });
    for (const alarm of alarms) expect((alarm.change.after.alarm_description as string).length).toBeLessThanOrEqual(1024);
  });
});
