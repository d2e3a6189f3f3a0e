import { validationErrorOf as thrown } from '../../../__tests__/support/alarms';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { AlarmRouting } from '../../common/alarm-routing';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ALARM_DESCRIPTION_LIMIT, insightsConsoleUrl } from '../../common/alarm-description';
import { toInsightsQuery, parsePattern } from '../../patterns';
import { insightsFilter } from '../../patterns/insights';
import { builtInDetections } from '../catalogue';
import type { Detection } from '../detection';
import { DetectionAlarms, detectionAlarmDescription as describeAlarm } from '../detection-alarms';
import { baseProps, context, fakeRouting, stackWith, topicArn } from './support';

const all = builtInDetections('securityHub');
const byId = (id: string) => all.find((d) => d.id === id)!;
const synthJson = (detections: Detection[]) => JSON.parse(Testing.synth(stackWith(baseProps({ detections })).stack, true));


describe('DetectionAlarms', () => {
  it('makes one metric filter per detection: name with the id, value 1, default 0, namespace trailwatch', () => {
    const synth = Testing.synth(stackWith(baseProps({ detections: [byId('root-usage')] })).stack, true);
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: 'acme-acme-prod-root-usage',
      log_group_name: 'acme-acme-prod-cloudtrail',
      pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
      metric_transformation: { name: 'acme-acme-prod-root-usage', namespace: 'trailwatch', value: '1', default_value: '0', unit: 'Count' },
    });
  });

  it('makes one alarm per detection with the catalogue settings, routing and tag', () => {
    const synth = Testing.synth(stackWith(baseProps({ detections: [byId('console-sign-in-failures')] })).stack, true);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'acme-acme-prod-console-sign-in-failures',
      namespace: 'trailwatch',
      metric_name: 'acme-acme-prod-console-sign-in-failures',
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      threshold: 3,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      actions_enabled: true,
      alarm_actions: [topicArn('ticket')],
      ok_actions: [],
      insufficient_data_actions: [],
      tags: { 'trailwatch:detection': 'console-sign-in-failures', 'trailwatch:severity': 'medium' },
    });
  });

  it('routes cloudtrail-changes (critical) to the paging topic, with OK notifications', () => {
    const json = synthJson([byId('cloudtrail-changes')]);
    const alarm = Object.values(json.resource.aws_cloudwatch_metric_alarm)[0] as any;
    expect(alarm.alarm_actions).toEqual([topicArn('page')]);
    expect(alarm.ok_actions).toEqual([topicArn('page')]);
  });

  it('uses the metric namespace and detection settings given', () => {
    const custom: Detection = { ...byId('vpc-changes'), periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 2, treatMissingData: 'ignore' };
    const json = JSON.parse(Testing.synth(stackWith(baseProps({ detections: [custom], metricNamespace: 'globex/trailwatch' })).stack, true));
    const alarm = Object.values(json.resource.aws_cloudwatch_metric_alarm)[0] as any;
    expect(alarm).toMatchObject({ namespace: 'globex/trailwatch', period: 60, evaluation_periods: 5, datapoints_to_alarm: 3, threshold: 2, treat_missing_data: 'ignore' });
    const filter = Object.values(json.resource.aws_cloudwatch_log_metric_filter)[0] as any;
    expect(filter.metric_transformation.namespace).toBe('globex/trailwatch');
  });

  it('writes a description that says where to look: title, environment, account, log group and the Insights query', () => {
    const d = byId('iam-console-mfa-failure');
    const text = describeAlarm(d, context);
    expect(text).toContain(d.title);
    expect(text).toContain('Environment: acme-prod (management account 111111111111, us-east-1)');
    expect(text).toContain('Log group: acme-acme-prod-cloudtrail');
    // The advice, the full query (fields, sort, limit) and its link do not all fit: the query keeps its filter.
    expect(text).toContain(d.description);
    expect(text).toContain(`Logs Insights query: ${insightsFilter(parsePattern(d.pattern))}\n`);
    expect(text.split('\n').pop()).toMatch(/^Open: https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:logs-insights/);
  });

  it('keeps the one-click link by shortening the query to its filter before giving the link up', () => {
    const longContext = { ...context, environment: 'a-very-long-environment-name-x', logGroupName: `aws-cloudtrail-logs-${'x'.repeat(100)}` };
    const d = byId('iam-console-mfa-failure');
    const text = describeAlarm(d, longContext);
    const filter = insightsFilter(parsePattern(d.pattern));
    expect(text).toContain(`Logs Insights query: ${filter}\n`);
    expect(text).toContain(d.description.slice(0, 40));
    expect(text.split('\n').pop()).toBe(`Open: ${insightsConsoleUrl('us-east-1', longContext.logGroupName, filter!)}`);
    expect(text.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
  });

  it('gives every built-in of the example-sized context a console link except the long CIS event lists', () => {
    const withoutLink = builtInDetections('securityHub').filter((d) => !describeAlarm(d, context).includes('\nOpen: https://'));
    expect(withoutLink.map((d) => d.id).sort()).toEqual(['iam-policy-changes', 'organizations-changes']);
    for (const d of withoutLink) expect(describeAlarm(d, context)).toContain(`Logs Insights query: ${toInsightsQuery(parsePattern(d.pattern))}`);
  });

  it('keeps every built-in description, in both modes, within 1024 characters, and the longest still has its query', () => {
    const longContext = { ...context, environment: 'a-very-long-environment-name-x', logGroupName: `aws-cloudtrail-logs-${'x'.repeat(100)}` };
    const texts = [...builtInDetections('securityHub'), ...builtInDetections('tuned')].map((d) => ({ d, text: describeAlarm(d, longContext) }));
    const longest = texts.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    for (const { text } of texts) expect(text.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    // The full query, or (to keep the console link) its filter part.
    expect(longest.text).toContain(`Logs Insights query: ${insightsFilter(parsePattern(longest.d.pattern))}`);
    expect(longest.text).toContain('Environment: a-very-long-environment-name-x');
  });

  it('drops the advice before the query when a long query leaves no room, and says what to change when even that fails', () => {
    const names = Array.from({ length: 12 }, (_, i) => `($.requestParameters.someLongParameter${i} = "value")`).join(' || ');
    const long: Detection = { ...byId('vpc-changes'), id: 'long-one', pattern: `{ ${names} }` };
    const text = describeAlarm(long, context);
    expect(text.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    expect(text.startsWith('[medium] VPC or VPC peering changed.')).toBe(true);
    expect(text).toContain(`Logs Insights query: ${toInsightsQuery(parsePattern(long.pattern))}`);
    const tooLong: Detection = { ...long, pattern: `{ ${Array.from({ length: 20 }, (_, i) => `($.requestParameters.p${i} != "v")`).join(' && ')} }` };
    const err = thrown(() => stackWith(baseProps({ detections: [tooLong] })));
    expect(err.problems).toEqual([
      {
        path: 'detections[long-one].description',
        message: expect.stringMatching(/^its Logs Insights query \(\d+ characters\) leaves no room in CloudWatch's 1024-character alarm description: use fewer exclusions or automation roles, or a shorter pattern$/),
      },
    ]);
  });

  it('synthesizes every built-in in both modes, one filter and one alarm each, with unique names', () => {
    for (const mode of ['securityHub', 'tuned'] as const) {
      const json = synthJson(builtInDetections(mode));
      const filters = Object.values(json.resource.aws_cloudwatch_log_metric_filter) as any[];
      const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm) as any[];
      expect(filters).toHaveLength(17);
      expect(alarms).toHaveLength(17);
      expect(new Set(alarms.map((a) => a.alarm_name)).size).toBe(17);
      for (const a of alarms) expect(a.alarm_description.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    }
  });

  describe('rejects invalid props with every problem, naming the detection and field', () => {
    const bad = (changes: Partial<Detection>, id = 'root-usage') => ({ ...byId(id), ...changes });

    it('period, window, datapoints, threshold', () => {
      const err = thrown(() =>
        stackWith(
          baseProps({
            detections: [
              bad({ periodSeconds: 45 }),
              bad({ evaluationPeriods: 300, periodSeconds: 600 }, 'vpc-changes'),
              bad({ datapointsToAlarm: 3, evaluationPeriods: 2 }, 'nacl-changes'),
              bad({ threshold: 0 }, 'config-changes'),
            ],
          }),
        ),
      );
      expect(err.subject).toBe('detections-test/detections');
      expect(err.problems).toEqual([
        { path: 'detections[root-usage].periodSeconds', message: '45 must be 10, 30 or a multiple of 60 seconds' },
        {
          path: 'detections[vpc-changes].evaluationPeriods',
          message: '300 x periodSeconds 600 = 180000 s is over one day (86400 s): lower evaluationPeriods to at most 144 or shorten the period',
        },
        { path: 'detections[nacl-changes].datapointsToAlarm', message: '3 must be at most evaluationPeriods (2)' },
        { path: 'detections[config-changes].threshold', message: '0 must be greater than 0: the alarm fires when this many events are counted in one period' },
      ]);
    });

    it('pattern syntax, with the engine\'s explanation, and pattern length', () => {
      const err = thrown(() =>
        stackWith(baseProps({ detections: [bad({ pattern: '{ $.eventName = ' }), bad({ pattern: `{ $.a = "${'x'.repeat(1100)}" }` }, 'vpc-changes')] })),
      );
      expect(err.problems[0].path).toBe('detections[root-usage].pattern');
      expect(err.problems[0].message).toMatch(/column \d+/);
      expect(err.problems[1]).toEqual({
        path: 'detections[vpc-changes].pattern',
        message: 'is 1112 characters, over the CloudWatch Logs limit of 1024: shorten it (fewer terms or exclusions)',
      });
    });

    it('duplicate ids and more than 100 filters on the log group', () => {
      const many = Array.from({ length: 95 }, (_, i) => bad({ id: `custom-${i}` }));
      const err = thrown(() =>
        stackWith(baseProps({ detections: [...many, byId('root-usage'), byId('root-usage')], otherMetricFiltersOnLogGroup: 4 })),
      );
      expect(err.problems).toEqual([
        { path: 'detections[root-usage]', message: 'detection id "root-usage" is used twice: ids name resources and must be unique' },
        {
          path: 'detections',
          message:
            '101 metric filters on one log group (97 detections + 4 other filters) is over the CloudWatch Logs quota of 100: disable detections or packs',
        },
      ]);
    });

    it('log group, name prefix and namespace', () => {
      const err = thrown(() => stackWith(baseProps({ logGroupName: 'bad name', namePrefix: 'Acme', metricNamespace: 'AWS/Logs' })));
      expect(err.problems.map((p) => p.path)).toEqual(['logGroupName', 'namePrefix', 'metricNamespace']);
      expect(err.message).toContain('detections-test/detections: metricNamespace: "AWS/Logs" must be 1-255 letters, digits and ._/#-, not starting with "AWS/"');
    });

    it('a severity that routes nowhere fails at synth instead of dropping the alarm silently', () => {
      expect(() => stackWith(baseProps({ detections: [bad({ severity: 'info' })] }))).toThrow(/routes to no topic/);
    });
  });
});

// The log group name is a literal (plan-time known) and carries no dependency: PutMetricFilter on a log
// group that is still being created fails with ResourceNotFoundException (__tests__/apply-order.test.ts).
describe('DetectionAlarms apply order', () => {
  function synthWithGroup(withDependency: boolean): any {
    const stack = new TerraformStack(new App(), 'order');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const group = new CloudwatchLogGroup(stack, 'group', { name: context.logGroupName });
    const topic = new SnsTopic(stack, 'topic', { name: 'acme-acme-prod-page' });
    const routing: AlarmRouting = { actionsFor: (s) => ({ ...fakeRouting.actionsFor(s), dependsOn: [topic] }) };
    new DetectionAlarms(stack, 'detections', baseProps({ detections: [byId('root-usage')], routing, ...(withDependency ? { logGroupDependsOn: [group] } : {}) }));
    return JSON.parse(Testing.synth(stack, true));
  }

  it('creates each filter after the resources given as logGroupDependsOn, each alarm after its topics', () => {
    const json = synthWithGroup(true);
    const filter = Object.values<any>(json.resource.aws_cloudwatch_log_metric_filter)[0];
    expect(filter.depends_on).toEqual(['aws_cloudwatch_log_group.group']);
    const alarm = Object.values<any>(json.resource.aws_cloudwatch_metric_alarm)[0];
    expect(alarm.depends_on).toEqual(expect.arrayContaining(['aws_sns_topic.topic']));
  });

  it('stays usable on its own with a bare log group name (no dependency written)', () => {
    const filter = Object.values<any>(synthWithGroup(false).resource.aws_cloudwatch_log_metric_filter)[0];
    expect(filter.depends_on).toBeUndefined();
    expect(filter.log_group_name).toBe(context.logGroupName);
  });
});
