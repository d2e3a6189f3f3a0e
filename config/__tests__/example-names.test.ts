/**
 * Resource names of the example environments are contract: deployed topics, buckets, trails, keys and
 * alarms carry them, and a renamed one is a replaced one (lost subscriptions, lost evidence). The
 * non-stuttering defaults for new environments (no namingPrefix: trailwatch-<name>-...) must never
 * rename these, which keep their explicit namingPrefix.
 */
import { App, Testing } from 'cdktf';
import { resourcePrefix } from '../naming';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { loadExamples } from './examples';

const NAME_FIELD: Record<string, string> = {
  aws_sns_topic: 'name',
  aws_s3_bucket: 'bucket',
  aws_cloudtrail: 'name',
  aws_cloudwatch_log_group: 'name',
  aws_iam_role: 'name',
  aws_kms_alias: 'name',
  aws_sqs_queue: 'name',
};

const EXPECTED: Record<string, Record<string, string[]>> = {
  'acme-prod': {
    aws_sns_topic: ['acme-acme-prod-digest', 'acme-acme-prod-pager', 'acme-acme-prod-security'],
    aws_s3_bucket: ['acme-acme-prod-access-logs-222222222222', 'acme-acme-prod-cloudtrail-222222222222'],
    aws_cloudtrail: ['acme-acme-prod-organization-trail'],
    aws_cloudwatch_log_group: ['/aws/lambda/acme-acme-prod-notify', '/trailwatch/acme-acme-prod/cloudtrail'],
    aws_iam_role: ['acme-acme-prod-ct-delivery', 'acme-acme-prod-notify'],
    aws_kms_alias: ['alias/acme-acme-prod-alerts', 'alias/acme-acme-prod-notify-logs', 'alias/acme-acme-prod-organization-trail', 'alias/acme-acme-prod-organization-trail-log-group'],
    aws_sqs_queue: ['acme-acme-prod-alerts-dlq', 'acme-acme-prod-notify-failed'],
  },
  'acme-sandbox': {
    aws_sns_topic: ['acme-acme-sandbox-sandbox'],
    aws_s3_bucket: ['acme-acme-sandbox-access-logs-333333333333', 'acme-acme-sandbox-cloudtrail-333333333333'],
    aws_cloudtrail: ['acme-acme-sandbox-organization-trail'],
    aws_cloudwatch_log_group: ['/aws/lambda/acme-acme-sandbox-notify', '/trailwatch/acme-acme-sandbox/cloudtrail'],
    aws_iam_role: ['acme-acme-sandbox-ct-delivery', 'acme-acme-sandbox-notify'],
    aws_kms_alias: ['alias/acme-acme-sandbox-alerts', 'alias/acme-acme-sandbox-notify-logs', 'alias/acme-acme-sandbox-organization-trail', 'alias/acme-acme-sandbox-organization-trail-log-group'],
    aws_sqs_queue: ['acme-acme-sandbox-notify-failed'],
  },
  'globex-prod': {
    aws_sns_topic: ['globex-globex-prod-soc-queue', 'globex-globex-prod-soc-urgent'],
    aws_s3_bucket: ['globex-cloudtrail-logs-eu', 'globex-globex-prod-access-logs-555555555555'],
    aws_cloudtrail: ['globex-organization-trail'],
    aws_cloudwatch_log_group: ['/aws/lambda/globex-globex-prod-notify', '/globex/security/cloudtrail'],
    aws_iam_role: ['globex-globex-prod-ct-delivery', 'globex-globex-prod-notify'],
    aws_kms_alias: ['alias/globex-globex-prod-alerts', 'alias/globex-globex-prod-notify-logs', 'alias/globex-organization-trail', 'alias/globex-organization-trail-log-group'],
    aws_sqs_queue: ['globex-globex-prod-alerts-dlq', 'globex-globex-prod-notify-failed'],
  },
  // Follows the defaults a new company gets: no namingPrefix, so no repeated company name.
  'initech-controltower': {
    aws_sns_topic: ['trailwatch-initech-controltower-digest', 'trailwatch-initech-controltower-oncall'],
    aws_s3_bucket: [],
    aws_cloudtrail: [],
    aws_cloudwatch_log_group: ['/aws/lambda/trailwatch-initech-controltower-notify'],
    aws_iam_role: ['trailwatch-initech-controltower-notify'],
    aws_kms_alias: ['alias/trailwatch-initech-controltower-alerts', 'alias/trailwatch-initech-controltower-notify-logs'],
    aws_sqs_queue: ['trailwatch-initech-controltower-alerts-dlq', 'trailwatch-initech-controltower-notify-failed'],
  },
};

describe.each(loadExamples().map((e) => [e.env.name, e.env] as const))('example %s: resource names', (name, env) => {
  const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
  const names = (type: string, field: string) => Object.values<any>(json.resource[type] ?? {}).map((r) => r[field]).sort();

  it('keeps the names of its topics, buckets, trail, log group, role, key aliases and queue', () => {
    const actual = Object.fromEntries(Object.entries(NAME_FIELD).map(([type, field]) => [type, names(type, field)]));
    expect(actual).toEqual(EXPECTED[name]);
  });

  it('starts every alarm and metric filter name with <namingPrefix>-<name>-', () => {
    const prefix = `${resourcePrefix(env)}-`;
    const all = [...names('aws_cloudwatch_metric_alarm', 'alarm_name'), ...names('aws_cloudwatch_log_metric_filter', 'name')];
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((n) => !n.startsWith(prefix))).toEqual([]);
  });
});
