import { validationErrorOf as errorOf } from '../../../__tests__/support/alarms';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ALARM_DESCRIPTION_LIMIT } from '../../common/alarm-description';
import { TrailHealth, type TrailHealthProps } from '../trail-health';
import { context, fakeRouting, topicArn } from './support';

function props(overrides: Partial<TrailHealthProps> = {}): TrailHealthProps {
  return { logGroupName: context.logGroupName, routing: fakeRouting, context, namePrefix: 'acme-acme-prod', ...overrides };
}

function synth(overrides: Partial<TrailHealthProps> = {}): { text: string; alarm: any } {
  const stack = new TerraformStack(new App(), 'trail-health-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new TrailHealth(stack, 'trail-health', props(overrides));
  const text = Testing.synth(stack, true);
  const alarms = Object.values(JSON.parse(text).resource.aws_cloudwatch_metric_alarm);
  expect(alarms).toHaveLength(1);
  return { text, alarm: alarms[0] };
}


describe('TrailHealth', () => {
  it('alarms when the log group received fewer than 1 event in an hour, missing data breaching, at the highest severity', () => {
    const { text } = synth();
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'acme-acme-prod-trail-delivery-stopped',
      namespace: 'AWS/Logs',
      metric_name: 'IncomingLogEvents',
      dimensions: { LogGroupName: 'acme-acme-prod-cloudtrail' },
      statistic: 'Sum',
      period: 3600,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
      alarm_actions: [topicArn('page')],
      ok_actions: [topicArn('page')],
      tags: { 'trailwatch:trail-health': 'incoming-log-events', 'trailwatch:severity': 'critical' },
    });
  });

  it('takes the window, evaluation periods and severity from props', () => {
    const { alarm } = synth({ windowSeconds: 1800, evaluationPeriods: 3, severity: 'medium' });
    expect(alarm).toMatchObject({ period: 1800, evaluation_periods: 3, datapoints_to_alarm: 3, alarm_actions: [topicArn('ticket')], ok_actions: [] });
    expect(alarm.alarm_description).toContain('no events to its log group for at least 90 min, possibly a few windows more');
  });

  it('says what to check and where to look, within 1024 characters even for the longest names', () => {
    const { alarm } = synth();
    const description: string = alarm.alarm_description;
    expect(description).toMatch(/^\[critical\] The organization trail delivered no events to its log group for at least 1 h, possibly a few windows more:/);
    expect(description).toContain('aws cloudtrail get-trail-status');
    expect(description).toContain('delivery role');
    expect(description).toContain('Environment: acme-prod (management account 111111111111, us-east-1)');
    expect(description).toContain('Log group: acme-acme-prod-cloudtrail');
    expect(description).toContain('Logs Insights query: fields @timestamp, eventSource, eventName, recipientAccountId | sort @timestamp desc | limit 20');
    expect(description.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);

    const longGroup = `/aws/cloudtrail/${'g'.repeat(300)}`;
    const long = synth({
      logGroupName: longGroup,
      namePrefix: 'abcdefghijklmnopqrst-abcdefghijklmnopqrstuvwxyz1234',
      context: { ...context, environment: 'abcdefghijklmnopqrstuvwxyz1234', region: 'ap-southeast-5', logGroupName: longGroup },
    }).alarm.alarm_description as string;
    expect(long.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    expect(long).toContain('get-trail-status');
  });

  it('reports every invalid prop at once, with its path and what is allowed', () => {
    const error = errorOf(() =>
      synth({ logGroupName: 'bad group!', namePrefix: '', windowSeconds: 300, evaluationPeriods: 1.5, severity: 'urgent' as never }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['logGroupName', 'namePrefix', 'windowSeconds', 'evaluationPeriods', 'severity']);
    expect(error.message).toContain('trail-health-test/trail-health: windowSeconds: 300 must be a multiple of 60 seconds from 900 to 86400');
    expect(errorOf(() => synth({ windowSeconds: 930 })).problems[0].path).toBe('windowSeconds');
  });

  it('rejects more than a day of windows', () => {
    expect(errorOf(() => synth({ windowSeconds: 7200, evaluationPeriods: 13 })).problems).toEqual([
      { path: 'evaluationPeriods', message: '13 windows of 7200 s exceed one day (86400 s): lower evaluationPeriods or windowSeconds' },
    ]);
    expect(synth({ windowSeconds: 7200, evaluationPeriods: 12 }).alarm.evaluation_periods).toBe(12);
  });

  it('fails at synth when the severity routes to no topic', () => {
    expect(() => synth({ severity: 'info' })).toThrow(/routes to no topic/);
  });
});
