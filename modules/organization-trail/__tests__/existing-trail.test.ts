/**
 * existingTrail: alarms on the log group of an organization trail that already exists (AWS Control
 * Tower's), with nothing of the created trail in the stack, and config mistakes refused at load.
 */
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { loadEnvironments } from '../../../config/load';
import { configDir, validYaml } from '../../../config/__tests__/helpers';
import { loadExamples } from '../../../config/__tests__/examples';
import { EnvironmentStack } from '../../../stacks/environment-stack';

const CT_LOG_GROUP = 'aws-controltower/CloudTrailLogs';
const existing = (extra = '') => `existingTrail:\n  logGroupName: ${CT_LOG_GROUP}\n${extra}`;

function problems(yaml: string): string[] {
  const dir = configDir({ 'env.yaml': yaml });
  return loadEnvironments(dir).problems.map((p) => p.replace(`${dir}${path.sep}`, ''));
}

describe('existingTrail config', () => {
  it('accepts a log group name alone, with filter counts defaulting to 0', () => {
    const dir = configDir({ 'env.yaml': `${validYaml()}${existing()}` });
    const { environments, problems } = loadEnvironments(dir);
    expect(problems).toEqual([]);
    expect(environments[0].env.existingTrail).toEqual({ logGroupName: CT_LOG_GROUP, metricFilters: 0, subscriptionFilters: 0 });
  });

  it('refuses a config that also sets a field of the created trail, naming both fields', () => {
    const found = problems(`${validYaml()}${existing()}trail:\n  objectLock:\n    mode: GOVERNANCE\n    retentionDays: 30\n  insights: true\n`);
    expect(found).toEqual([
      expect.stringMatching(/^env\.yaml: trail\.objectLock: cannot be set together with existingTrail\.logGroupName: .*Remove trail\.objectLock, or remove existingTrail \(line \d+\)$/),
      expect.stringMatching(/^env\.yaml: trail\.insights: cannot be set together with existingTrail\.logGroupName/),
    ]);
  });

  it('refuses a log-archive account: there is no bucket to put in it', () => {
    const text = (validYaml().replace('homeRegion:', 'logArchiveAccountId: "210987654321"\nhomeRegion:') + existing()).replace('    roleArn: arn:aws:iam::123456789012:role/Deploy\n', '    roleArn: arn:aws:iam::123456789012:role/Deploy\n  logArchive:\n    roleArn: arn:aws:iam::210987654321:role/Deploy\n');
    expect(problems(text)).toEqual([expect.stringMatching(/^env\.yaml: logArchiveAccountId: cannot be set together with existingTrail\.logGroupName: .*no log bucket/)]);
  });

  it('refuses a home region or trail ARN other than the environment\'s region and management account', () => {
    expect(problems(`${validYaml()}${existing('  homeRegion: us-east-1\n')}`)).toEqual([
      expect.stringMatching(/^env\.yaml: existingTrail\.homeRegion: "us-east-1" must equal homeRegion "eu-central-1"/),
    ]);
    const arn = (region: string, account: string) => `  trailArn: arn:aws:cloudtrail:${region}:${account}:trail/aws-controltower-BaselineCloudTrail\n`;
    expect(problems(`${validYaml()}${existing(arn('eu-central-1', '123456789012'))}`)).toEqual([]);
    expect(problems(`${validYaml()}${existing(arn('us-east-1', '123456789012'))}`)).toEqual([
      expect.stringMatching(/^env\.yaml: existingTrail\.trailArn: is in region us-east-1, not the home region eu-central-1/),
    ]);
    expect(problems(`${validYaml()}${existing(arn('eu-central-1', '999999999999'))}`)).toEqual([
      expect.stringMatching(/^env\.yaml: existingTrail\.trailArn: is owned by account 999999999999, not the management account 123456789012/),
    ]);
    expect(problems(`${validYaml()}${existing('  trailArn: aws-controltower-BaselineCloudTrail\n')}`)).toEqual([
      expect.stringMatching(/^env\.yaml: existingTrail\.trailArn: "aws-controltower-BaselineCloudTrail" must be a trail ARN/),
    ]);
  });

  it('counts the filters already on the log group against the CloudWatch Logs quotas', () => {
    // The default (securityHub) catalogue puts 17 metric filters on the log group: 83 more fit, 84 do not.
    expect(problems(`${validYaml()}${existing('  metricFilters: 83\n')}`)).toEqual([]);
    expect(problems(`${validYaml()}${existing('  metricFilters: 84\n')}`)).toEqual([
      expect.stringMatching(/^env\.yaml: detections: 101 metric filters on one log group \(17 detections \+ 84 other filters\) is over the CloudWatch Logs quota of 100/),
    ]);
    // Both subscription filters taken: per-event notifications (on by default) need one of them.
    const full = `${validYaml()}${existing('  subscriptionFilters: 2\n')}`;
    expect(problems(full)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^env\.yaml: existingTrail\.subscriptionFilters: 2 must be 0 or 1: CloudWatch Logs allows 2 subscription filters per log group/)]),
    );
    expect(problems(`${full}eventNotifications:\n  enabled: false\n`)).toEqual([]);
    expect(problems(`${validYaml()}${existing('  subscriptionFilters: 3\n')}`)).toEqual([
      expect.stringMatching(/^env\.yaml: existingTrail\.subscriptionFilters: 3 must be at most 2: CloudWatch Logs allows 2 subscription filters per log group/),
    ]);
  });
});

describe('the Control Tower example (config/initech-controltower.yaml)', () => {
  const env = loadExamples().find((e) => e.env.name === 'initech-controltower')!.env;
  const stack = new EnvironmentStack(new App(), env);
  const json = JSON.parse(Testing.synth(stack, true));
  const resources = (type: string) => Object.values<any>(json.resource[type] ?? {});

  it('creates no trail, bucket, trail key, log group or delivery role', () => {
    expect(stack.trail).toBeUndefined();
    // The per-event notification function brings its own log group, role and key (event-notifications_...):
    // nothing else of these types may exist.
    const notOfNotifications = (type: string) => Object.keys(json.resource[type] ?? {}).filter((k) => !k.startsWith('event-notifications_'));
    for (const type of ['aws_cloudtrail', 'aws_s3_bucket', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy']) {
      expect([type, notOfNotifications(type)]).toEqual([type, []]);
    }
    expect(resources('aws_cloudwatch_log_group').map((g) => g.name)).toEqual(['/aws/lambda/trailwatch-initech-controltower-notify']);
    // Besides the function's log key, the only KMS key is the alert topics' key (alerting_...), never a trail key.
    expect(notOfNotifications('aws_kms_key')).toEqual([expect.stringMatching(/^alerting_/)]);
    expect(json.provider.aws).toHaveLength(1);
    expect(Object.keys(json.output ?? {}).filter((name) => name.startsWith('trail_'))).toEqual([]);
  });

  it('puts every detection filter, sign-in rule and the trail-health alarm on aws-controltower/CloudTrailLogs', () => {
    expect(stack.logGroupName).toBe(CT_LOG_GROUP);
    const filters = resources('aws_cloudwatch_log_metric_filter');
    expect(filters.length).toBeGreaterThanOrEqual(14);
    for (const f of filters) expect(f.log_group_name).toBe(CT_LOG_GROUP);
    const rules = resources('aws_cloudwatch_contributor_insight_rule');
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const r of rules) expect(JSON.parse(r.rule_definition).LogGroupNames).toEqual([CT_LOG_GROUP]);
    const health = resources('aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'IncomingLogEvents');
    expect(health).toHaveLength(1);
    expect(health[0].dimensions).toEqual({ LogGroupName: CT_LOG_GROUP });
    expect(health[0].alarm_description).toContain('get-trail-status --name arn:aws:cloudtrail:eu-central-1:777777777777:trail/aws-controltower-BaselineCloudTrail');
  });
});
