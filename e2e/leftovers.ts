/**
 * After `terraform destroy`: asks the emulator, resource by resource of the state as it was before the
 * destroy, whether anything still exists. KMS keys cannot be deleted at once (AWS schedules their
 * deletion after the waiting period), so a key counts as gone when its state is PendingDeletion.
 * Sub-resources of a bucket (policy, versioning, encryption, ...) go with their bucket and are
 * counted as checked through it; a type nobody knows how to look up is reported as unchecked,
 * never as gone.
 */
import { AwsError, xmlValues, type EmulatorClient } from './aws';
import type { StateResource } from './workspace';

export interface LeftoverReport {
  /** `address: what remains`, one per resource that still exists. */
  readonly remaining: string[];
  /** How many resources were looked up (directly or through their parent). */
  readonly checked: number;
  /** Resource types that were not looked up. */
  readonly unchecked: string[];
  /** Known emulator gaps met on the way, each shown to be the emulator's (docs/testing.md lists them). */
  readonly emulatorGaps: string[];
}

/** Client for a resource: (account, region) → client. */
export type ClientFor = (accountId: string, region: string) => EmulatorClient;

function arnParts(arn: string): { region: string; account: string } {
  const [, , , region, account] = arn.split(':');
  return { region, account };
}

async function notFound(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (e) {
    if (e instanceof AwsError && (e.status === 404 || e.status === 400)) return true;
    throw e;
  }
}

const BUCKET_PARTS = new Set([
  'aws_s3_bucket_policy', 'aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging', 'aws_s3_bucket_object_lock_configuration',
]);

/**
 * Whether one resource still exists; undefined when its type is not looked up. `bucketOwner` gives
 * the account of a bucket (bucket ARNs carry none).
 */
async function remains(
  r: StateResource,
  client: ClientFor,
  bucketOwner: (bucket: string) => [string, string],
  gaps: string[],
): Promise<string | false | undefined> {
  const v = r.values;
  switch (r.type) {
    case 'aws_s3_bucket': {
      const [account, region] = bucketOwner(v.bucket);
      return (await notFound(() => client(account, region).rest('s3', 'HEAD', `/${v.bucket}`))) ? false : `bucket ${v.bucket} exists`;
    }
    case 'aws_cloudtrail': {
      const { account, region } = arnParts(v.arn);
      const cloudtrail = client(account, region);
      const exists = async () => !(await notFound(() => cloudtrail.json('cloudtrail', 'CloudTrail_20131101', 'GetTrail', { Name: v.arn })));
      if (!(await exists())) return false;
      // Known emulator gap (docs/testing.md): moto's DeleteTrail looks the trail up by name only and silently
      // ignores an ARN, which is what the provider sends. Show it is that gap and not a trail our
      // destroy forgot: deleting by ARN again leaves it, deleting by name removes it.
      await cloudtrail.json('cloudtrail', 'CloudTrail_20131101', 'DeleteTrail', { Name: v.arn });
      if (!(await exists())) return `trail ${v.arn} was still there after terraform destroy`;
      await cloudtrail.json('cloudtrail', 'CloudTrail_20131101', 'DeleteTrail', { Name: v.name });
      if (await exists()) return `trail ${v.arn} exists (even DeleteTrail by name did not remove it)`;
      gaps.push(`${r.address}: emulator ignored DeleteTrail by ARN (moto gap); deleted by name to prove nothing else kept it`);
      return false;
    }
    case 'aws_cloudwatch_log_group': {
      const { account, region } = arnParts(v.arn);
      const out = await client(account, region).json('logs', 'Logs_20140328', 'DescribeLogGroups', { logGroupNamePrefix: v.name });
      return (out.logGroups ?? []).some((g: { logGroupName: string }) => g.logGroupName === v.name) ? `log group ${v.name} exists` : false;
    }
    case 'aws_cloudwatch_log_metric_filter': {
      // The filter's log group is in the state too; a filter left on a deleted group cannot exist.
      return false;
    }
    case 'aws_cloudwatch_metric_alarm': {
      const { account, region } = arnParts(v.arn);
      const xml = await client(account, region).query('monitoring', 'DescribeAlarms', '2010-08-01', { 'AlarmNames.member.1': v.alarm_name });
      return xmlValues(xml, 'AlarmName').includes(v.alarm_name) ? `alarm ${v.alarm_name} exists` : false;
    }
    case 'aws_cloudwatch_contributor_insight_rule': {
      const { account, region } = arnParts(v.resource_arn ?? v.arn ?? `arn:aws:cloudwatch:${v.region ?? ''}::`);
      const xml = await client(account, region).query('monitoring', 'DescribeInsightRules', '2010-08-01');
      return xmlValues(xml, 'Name').includes(v.rule_name) ? `Contributor Insights rule ${v.rule_name} exists` : false;
    }
    case 'aws_sns_topic': {
      const { account, region } = arnParts(v.arn);
      return (await notFound(() => client(account, region).query('sns', 'GetTopicAttributes', '2010-03-31', { TopicArn: v.arn }))) ? false : `topic ${v.arn} exists`;
    }
    case 'aws_sns_topic_subscription': {
      const { account, region } = arnParts(v.topic_arn);
      const xml = await client(account, region).query('sns', 'ListSubscriptions', '2010-03-31');
      return xmlValues(xml, 'SubscriptionArn').includes(v.arn) ? `subscription ${v.arn} exists` : false;
    }
    case 'aws_sqs_queue': {
      const { account, region } = arnParts(v.arn);
      const name = v.name as string;
      return (await notFound(() => client(account, region).query('sqs', 'GetQueueUrl', '2012-11-05', { QueueName: name }))) ? false : `queue ${name} exists`;
    }
    case 'aws_iam_role': {
      const { account } = arnParts(v.arn);
      return (await notFound(() => client(account, 'us-east-1').query('iam', 'GetRole', '2010-05-08', { RoleName: v.name }))) ? false : `role ${v.arn} exists`;
    }
    case 'aws_iam_role_policy': {
      // Inline policies go with their role (checked above).
      return false;
    }
    case 'aws_kms_key': {
      const { account, region } = arnParts(v.arn);
      try {
        const out = await client(account, region).json('kms', 'TrentService', 'DescribeKey', { KeyId: v.arn });
        const state = out.KeyMetadata?.KeyState as string;
        return state === 'PendingDeletion' ? false : `key ${v.arn} is ${state}`;
      } catch (e) {
        if (e instanceof AwsError && e.status === 400) return false;
        throw e;
      }
    }
    case 'aws_kms_alias': {
      const { account, region } = arnParts(v.arn);
      const out = await client(account, region).json('kms', 'TrentService', 'ListAliases', {});
      return (out.Aliases ?? []).some((a: { AliasName: string }) => a.AliasName === v.name) ? `alias ${v.name} exists` : false;
    }
    case 'aws_lambda_function': {
      const { account, region } = arnParts(v.arn);
      return (await notFound(() => client(account, region).rest('lambda', 'GET', `/2015-03-31/functions/${v.function_name}`))) ? false : `function ${v.function_name} exists`;
    }
    case 'aws_lambda_permission':
    case 'aws_lambda_function_event_invoke_config':
    case 'aws_cloudwatch_log_subscription_filter': {
      // Parts of a function or a log group that are in the state too: they cannot outlive them.
      return false;
    }
    default:
      return BUCKET_PARTS.has(r.type) ? false : undefined;
  }
}

export async function findLeftovers(
  before: readonly StateResource[],
  client: ClientFor,
  bucketOwner: (bucket: string) => [string, string],
): Promise<LeftoverReport> {
  const remaining: string[] = [];
  const unchecked = new Set<string>();
  const emulatorGaps: string[] = [];
  let checked = 0;
  for (const r of before) {
    const what = await remains(r, client, bucketOwner, emulatorGaps);
    if (what === undefined) unchecked.add(r.type);
    else {
      checked++;
      if (what) remaining.push(`${r.address}: ${what}`);
    }
  }
  return { remaining, checked, unchecked: [...unchecked].sort(), emulatorGaps };
}
