import { validationErrorOf as errorOf } from '../../../__tests__/support/alarms';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchContributorInsightRule } from '@cdktf/provider-aws/lib/cloudwatch-contributor-insight-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ALARM_DESCRIPTION_LIMIT } from '../../common/alarm-description';
import { SignInBruteForce, type SignInBruteForceProps } from '../sign-in-brute-force';
import { context, fakeRouting, topicArn } from './support';

function props(overrides: Partial<SignInBruteForceProps> = {}): SignInBruteForceProps {
  return { logGroupName: context.logGroupName, routing: fakeRouting, context, namePrefix: 'acme-acme-prod', ...overrides };
}

function synth(overrides: Partial<SignInBruteForceProps> = {}): { text: string; json: any } {
  const stack = new TerraformStack(new App(), 'brute-force-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new SignInBruteForce(stack, 'sign-in-brute-force', props(overrides));
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) };
}

const rules = (json: any): Record<string, any> => json.resource.aws_cloudwatch_contributor_insight_rule ?? {};
const alarms = (json: any): Record<string, any> => json.resource.aws_cloudwatch_metric_alarm ?? {};
const ruleNamed = (json: any, name: string) => Object.values(rules(json)).find((r: any) => r.rule_name === name) as any;
const alarmNamed = (json: any, name: string) => Object.values(alarms(json)).find((a: any) => a.alarm_name === name) as any;


describe('SignInBruteForce', () => {
  it('creates one enabled rule and one alarm per sign-in source and key, four by default', () => {
    const { text, json } = synth();
    expect(Object.values(rules(json)).map((r: any) => r.rule_name).sort()).toEqual([
      'acme-acme-prod-sign-in-failures-console-by-principal',
      'acme-acme-prod-sign-in-failures-console-by-source-ip',
      'acme-acme-prod-sign-in-failures-identity-center-by-principal',
      'acme-acme-prod-sign-in-failures-identity-center-by-source-ip',
    ]);
    expect(Object.keys(alarms(json))).toHaveLength(4);
    expect(text).toHaveResourceWithProperties(CloudwatchContributorInsightRule, {
      rule_name: 'acme-acme-prod-sign-in-failures-console-by-principal',
      rule_state: 'ENABLED',
    });
  });

  it('counts failed ConsoleLogin records of the trail log group by account and user name', () => {
    const rule = ruleNamed(synth().json, 'acme-acme-prod-sign-in-failures-console-by-principal');
    expect(JSON.parse(rule.rule_definition)).toEqual({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: ['acme-acme-prod-cloudtrail'],
      LogFormat: 'JSON',
      Contribution: {
        Keys: ['$.recipientAccountId', '$.userIdentity.userName'],
        Filters: [
          { Match: '$.eventName', In: ['ConsoleLogin'] },
          { Match: '$.responseElements.ConsoleLogin', In: ['Failure'] },
        ],
      },
      AggregateOn: 'Count',
    });
  });

  it('counts failed Identity Center credential verifications by user name, and every source by source IP', () => {
    const json = synth().json;
    const ic = JSON.parse(ruleNamed(json, 'acme-acme-prod-sign-in-failures-identity-center-by-principal').rule_definition);
    expect(ic.Contribution).toEqual({
      Keys: ['$.userIdentity.userName'],
      Filters: [
        { Match: '$.eventName', In: ['CredentialVerification'] },
        { Match: '$.serviceEventDetails.CredentialVerification', In: ['Failure'] },
      ],
    });
    for (const slug of ['console', 'identity-center']) {
      const byIp = JSON.parse(ruleNamed(json, `acme-acme-prod-sign-in-failures-${slug}-by-source-ip`).rule_definition);
      expect(byIp.Contribution.Keys).toEqual(['$.sourceIPAddress']);
      expect(byIp.LogGroupNames).toEqual(['acme-acme-prod-cloudtrail']);
    }
  });

  it('alarms on the rule\'s MaxContributorValue at or above 3 in 5 minutes, routed by severity (high by default)', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'acme-acme-prod-sign-in-failures-console-by-source-ip',
      threshold: 3,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      treat_missing_data: 'notBreaching',
      alarm_actions: [topicArn('page')],
    });
    const alarm = alarmNamed(json, 'acme-acme-prod-sign-in-failures-console-by-source-ip');
    expect(alarm.metric_query).toEqual([
      {
        id: 'max_contributor',
        label: 'Failed sign-ins of the top source IP',
        expression: "INSIGHT_RULE_METRIC('acme-acme-prod-sign-in-failures-console-by-source-ip', 'MaxContributorValue')",
        period: 300,
        return_data: true,
      },
    ]);
    // A metric-math alarm must not also name a single metric.
    expect(alarm).not.toHaveProperty('metric_name');
    expect(alarm).not.toHaveProperty('namespace');
    expect(alarm.depends_on).toHaveLength(1);
    expect(alarm.depends_on[0]).toMatch(/^aws_cloudwatch_contributor_insight_rule\.sign-in-brute-force_rule-console-by-source-ip_/);
  });

  it('takes threshold, period, evaluation periods, severity, sources, countBy and keys from props', () => {
    const { json } = synth({
      threshold: 5,
      periodSeconds: 600,
      evaluationPeriods: 2,
      severity: 'medium',
      sources: ['identityCenter'],
      countBy: ['principal'],
      principalKeys: { identityCenter: ['$.userIdentity.onBehalfOf.userId'] },
    });
    expect(Object.keys(rules(json))).toHaveLength(1);
    const rule = ruleNamed(json, 'acme-acme-prod-sign-in-failures-identity-center-by-principal');
    expect(JSON.parse(rule.rule_definition).Contribution.Keys).toEqual(['$.userIdentity.onBehalfOf.userId']);
    const alarm = alarmNamed(json, 'acme-acme-prod-sign-in-failures-identity-center-by-principal');
    expect(alarm).toMatchObject({ threshold: 5, evaluation_periods: 2, datapoints_to_alarm: 2, alarm_actions: [topicArn('ticket')] });
    expect(alarm.metric_query[0].period).toBe(600);
    expect(alarm.tags).toEqual({ 'trailwatch:sign-in-failures': 'identity-center-by-principal', 'trailwatch:severity': 'medium' });
  });

  it('says where to look: environment, account, log group and a query counting the same keys per period', () => {
    const alarm = alarmNamed(synth().json, 'acme-acme-prod-sign-in-failures-console-by-principal');
    const description: string = alarm.alarm_description;
    expect(description).toContain('Environment: acme-prod (management account 111111111111, us-east-1)');
    expect(description).toContain('Log group: acme-acme-prod-cloudtrail');
    expect(description).toContain(
      'Logs Insights query: filter eventName = "ConsoleLogin" and responseElements.ConsoleLogin = "Failure" | stats count(*) as failures by recipientAccountId, userIdentity.userName, bin(300s) | sort failures desc | limit 50',
    );
    expect(description).toContain('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights');
  });

  it('keeps the longest possible description within 1024 characters', () => {
    // Longest allowed everywhere: 30-character environment, 51-character prefix, four 64-character keys.
    const keys = [1, 2, 3, 4].map((i) => `$.${'k'.repeat(30)}${i}.${'k'.repeat(30)}`);
    expect(keys.every((k) => k.length === 64)).toBe(true);
    const { json } = synth({
      namePrefix: 'abcdefghijklmnopqrst-abcdefghijklmnopqrstuvwxyz1234',
      context: { ...context, environment: 'abcdefghijklmnopqrstuvwxyz1234', logGroupName: `/aws/cloudtrail/${'g'.repeat(134)}` },
      logGroupName: `/aws/cloudtrail/${'g'.repeat(134)}`,
      principalKeys: { console: keys, identityCenter: keys },
      sourceIpKeys: keys,
      evaluationPeriods: 288,
      severity: 'critical',
    });
    const lengths = Object.values(alarms(json)).map((a: any) => a.alarm_description.length);
    expect(lengths).toHaveLength(4);
    for (const length of lengths) expect(length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
  });

  it('reports a log group name too long for the description as a props problem, not a crash', () => {
    const long = `/aws/cloudtrail/${'g'.repeat(496)}`;
    const keys = [1, 2, 3, 4].map((i) => `$.${'k'.repeat(30)}${i}.${'k'.repeat(30)}`);
    const error = errorOf(() => synth({ logGroupName: long, context: { ...context, logGroupName: long }, sourceIpKeys: keys }));
    expect(error.problems.map((p) => p.path)).toEqual(['context.logGroupName']);
    expect(error.message).toContain('over 1024 characters');
  });

  it('reports every invalid prop at once, with its path and what is allowed', () => {
    const error = errorOf(() =>
      synth({
        logGroupName: '',
        namePrefix: 'Acme',
        threshold: 0,
        periodSeconds: 90,
        evaluationPeriods: 0,
        severity: 'urgent' as never,
        sources: ['console', 'okta' as never],
        countBy: [],
        principalKeys: { console: ['userIdentity.userName', '$.a', '$.b', '$.c', '$.d'] },
        sourceIpKeys: ['$.sourceIPAddress', '$.sourceIPAddress'],
      }),
    );
    const paths = error.problems.map((p) => p.path);
    expect(paths).toEqual([
      'logGroupName',
      'namePrefix',
      'threshold',
      'periodSeconds',
      'evaluationPeriods',
      'severity',
      'sources[1]',
      'countBy',
      'principalKeys.console',
      'principalKeys.console[0]',
      'sourceIpKeys[1]',
    ]);
    expect(error.message).toContain('brute-force-test/sign-in-brute-force: threshold: 0 must be a number greater than 0');
    expect(error.message).toContain('periodSeconds: 90 must be a multiple of 60 seconds between 60 and 86400');
    expect(error.message).toContain('principalKeys.console: has 5 keys: Contributor Insights needs 1 to 4');
    expect(error.message).toContain('"userIdentity.userName" must be a JSON field path of at most 64 characters like $.userIdentity.userName');
  });

  it('rejects evaluation windows longer than a day', () => {
    const error = errorOf(() => synth({ periodSeconds: 3600, evaluationPeriods: 25 }));
    expect(error.problems).toEqual([
      { path: 'evaluationPeriods', message: '25 periods of 3600 s exceed one day (86400 s): lower evaluationPeriods or periodSeconds' },
    ]);
  });

  it('fails at synth when the severity routes to no topic, never drops the alarm silently', () => {
    expect(() => synth({ severity: 'info' })).toThrow(/routes to no topic/);
  });
});

// The rule definition names the log group by its literal name: PutInsightRule needs the log group to exist.
describe('SignInBruteForce apply order', () => {
  it('creates each rule after logGroupDependsOn, and none is written when the log group is not ours', () => {
    const stack = new TerraformStack(new App(), 'order');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const group = new CloudwatchLogGroup(stack, 'group', { name: context.logGroupName });
    new SignInBruteForce(stack, 'sign-in-brute-force', props({ logGroupDependsOn: [group] }));
    for (const rule of Object.values<any>(rules(JSON.parse(Testing.synth(stack, true))))) expect(rule.depends_on).toEqual(['aws_cloudwatch_log_group.group']);
    for (const rule of Object.values<any>(rules(synth().json))) expect(rule.depends_on).toBeUndefined();
  });
});
