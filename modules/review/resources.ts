/** Names the resources of a trailwatch stack in words, from their type, address and attributes. */
import { type ResourceChange, get } from './plan';

/** Resource types whose loss is lost evidence or a gap in logging (docs/organization-trail.md). */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(['aws_cloudtrail', 'aws_s3_bucket', 'aws_kms_key', 'aws_cloudwatch_log_group']);

/** The value a resource has after the change, else before (for a delete). */
export function current(r: ResourceChange): Record<string, unknown> {
  return r.after ?? r.before ?? {};
}

function named(r: ResourceChange, key: string): string {
  const v = get(current(r), key) ?? get(r.before, key);
  return typeof v === 'string' ? ` \`${v}\`` : '';
}

/** "the log bucket `acme-...`", "the trail key", "topic `acme-prod-pager`"... */
export function describeResource(r: ResourceChange): string {
  const a = r.address;
  switch (r.type) {
    case 'aws_cloudtrail':
      return `the trail${named(r, 'name')}`;
    case 'aws_s3_bucket':
      return `${a.includes('access-log-bucket') ? 'the access-log bucket' : a.includes('log-bucket') ? 'the log bucket' : 'bucket'}${named(r, 'bucket')}`;
    case 'aws_kms_key':
      if (a.includes('trail-key')) return 'the trail log files KMS key';
      if (a.includes('log-group-key')) return 'the log group KMS key';
      if (a.includes('alerting')) return 'the alerts KMS key';
      return `KMS key \`${a}\``;
    case 'aws_cloudwatch_log_group':
      return `the log group${named(r, 'name')}`;
    case 'aws_s3_bucket_policy':
      return `the bucket policy of${named(r, 'bucket') || ` \`${a}\``}`;
    case 'aws_sns_topic':
      return `topic${named(r, 'name')}`;
    case 'aws_sqs_queue':
      return `queue${named(r, 'name')}`;
    case 'aws_iam_role':
      return `role${named(r, 'name')}`;
    case 'aws_iam_role_policy':
      return `role policy${named(r, 'name')}`;
    default:
      return `\`${a}\``;
  }
}

/** The last segment of an ARN (a topic's name), or the value itself. */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
