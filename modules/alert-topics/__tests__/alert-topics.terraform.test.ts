/**
 * Real Terraform (hashicorp/aws 5.100.0, offline) on a stack with AlertTopics, every subscription
 * protocol and an alarm routed through it: the provider's own schema validation, and a plan.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { planStack, terraformAvailable, validateStack } from '../../../__tests__/support/terraform';
import { loadExamples } from '../../../config/__tests__/examples';
import { SEVERITIES } from '../../common/severity';
import { AlertTopics } from '../alert-topics';
import { alertTopicsProps } from '../../../config/modules/alert-topics/config';
import { ACCOUNT, acmeProps, PREFIX, REGION } from './support';

const maybe = terraformAvailable() ? it : it.skip;

function stack(): TerraformStack {
  const s = new TerraformStack(new App(), 'alert-topics');
  new AwsProvider(s, 'aws', { region: REGION });
  const base = acmeProps();
  const topics = new AlertTopics(s, 'alerting', {
    ...base,
    topics: [
      ...base.topics!,
      {
        name: 'integrations',
        subscriptions: [
          { protocol: 'sqs', endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:tickets` },
          { protocol: 'lambda', endpoint: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:notify:live` },
          { protocol: 'sms', endpoint: '+14155550100' },
        ],
      },
    ],
    routing: { ...base.routing, low: ['security', 'integrations'] },
  });
  const actions = topics.actionsFor('critical');
  new CloudwatchMetricAlarm(s, 'alarm', {
    alarmName: `${PREFIX}-root-usage`,
    namespace: 'trailwatch',
    metricName: 'root-usage',
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    alarmActions: actions.alarmActions,
    okActions: actions.okActions,
    insufficientDataActions: actions.insufficientDataActions,
  });
  return s;
}

describe('AlertTopics with real Terraform', () => {
  maybe('validate', () => {
    validateStack(stack());
  });

  maybe('plan offline: key, alias, three encrypted topics, subscriptions with redrive, queue, permission, all creates', () => {
    const changes = planStack(stack()).resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    const count = (type: string) => changes.filter((c) => c.type === type).length;
    expect([count('aws_kms_key'), count('aws_kms_alias'), count('aws_sns_topic'), count('aws_sns_topic_subscription'), count('aws_sqs_queue'), count('aws_lambda_permission')]).toEqual([1, 1, 3, 6, 1, 1]);
    const key = changes.find((c) => c.type === 'aws_kms_key')!;
    expect(key.address).toMatch(/^aws_kms_key\.alerting_key_[A-F0-9]{8}$/);
    expect(key.change.after).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    // The policy is fully known at plan time: the plan shows it, not "(known after apply)".
    expect(JSON.parse(key.change.after.policy as string).Statement[1].Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    for (const t of changes.filter((c) => c.type === 'aws_sns_topic')) {
      expect(typeof t.change.after.policy).toBe('string');
      expect(t.change.after.name).toMatch(new RegExp(`^${PREFIX}-(pager|security|integrations)$`));
    }
    const alarm = changes.find((c) => c.type === 'aws_cloudwatch_metric_alarm')!;
    expect(alarm.change.after.alarm_actions).toEqual([
      `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-pager`,
      `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-security`,
    ]);
    const redriven = changes.filter((c) => c.type === 'aws_sns_topic_subscription' && c.change.after.redrive_policy);
    expect(redriven.map((c) => c.change.after.protocol).sort()).toEqual(['https', 'lambda', 'sqs']);
  });
});

describe.each(loadExamples().map((e) => [e.env.name, e.env] as const))('example environment %s: alerting with real Terraform', (name, env) => {
  maybe('plans its topics, every one encrypted with a created key, and every severity routes to planned topics', () => {
    const s = new TerraformStack(new App(), `alerting-${name}`);
    new AwsProvider(s, 'aws', { region: env.homeRegion });
    const topics = new AlertTopics(s, 'alerting', alertTopicsProps(env));
    const changes = planStack(s).resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    const planned = changes.filter((c) => c.type === 'aws_sns_topic');
    expect(planned.map((t) => t.change.after.name).sort()).toEqual(env.alerting.topics.map((t) => `${env.namingPrefix}-${env.name}-${t.name}`).sort());
    expect(changes.filter((c) => c.type === 'aws_kms_key').map((k) => k.change.after.enable_key_rotation)).toEqual([true]);
    const plannedArns = planned.map((t) => `arn:aws:sns:${env.homeRegion}:${env.managementAccountId}:${t.change.after.name}`);
    for (const severity of SEVERITIES) {
      const { alarmActions } = topics.actionsFor(severity);
      expect(alarmActions.length).toBeGreaterThan(0);
      for (const arn of alarmActions) expect(plannedArns).toContain(arn);
    }
  });
});
