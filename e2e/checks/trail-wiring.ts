/**
 * The organization trail as the emulator holds it after the apply, read back through the APIs (not the
 * state): it exists in the management account, is multi-region and organization-wide, writes to the
 * log bucket of the log-archive account, encrypts with a key of that account, and delivers to the log
 * group, which exists and is encrypted with its own key. This is the multi-account wiring a provider
 * pointed at the wrong account would break.
 *
 * With `existingTrail`, trailwatch owns no trail: the state must hold no trail, bucket or log group,
 * every metric filter must sit on the existing log group, and the log group (and the trail of
 * `existingTrail.trailArn`, created as prerequisites) must still be there, the trail delivering to
 * that log group.
 */
import { logBucketAccount, logBucketName } from '../../config/naming';
import type { CheckContext, CheckOutcome } from '../check-context';
import { existingTrailOf, type ExistingTrailPrerequisite } from '../prerequisites';

interface Trail {
  Name: string;
  TrailARN: string;
  S3BucketName?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  KmsKeyId?: string;
  CloudWatchLogsLogGroupArn?: string;
  LogFileValidationEnabled?: boolean;
}

/** Resource types that belong to the trail trailwatch creates: none may be in an existing-trail state. */
const OWNED_TRAIL_TYPES = ['aws_cloudtrail', 'aws_s3_bucket', 'aws_cloudwatch_log_group'];

async function checkExistingTrail(ctx: CheckContext, existing: ExistingTrailPrerequisite): Promise<CheckOutcome> {
  const problems: string[] = [];
  // The per-event notification function's own log group (event-notifications_...) is not the trail's.
  for (const r of ctx.resources) if (OWNED_TRAIL_TYPES.includes(r.type) && !r.address.startsWith(`${r.type}.event-notifications_`)) problems.push(`the state holds ${r.address}, but existingTrail means trailwatch creates no ${r.type}`);
  const filters = ctx.resources.filter((r) => r.type === 'aws_cloudwatch_log_metric_filter');
  if (filters.length === 0) problems.push('the state holds no metric filter');
  for (const f of filters) {
    if (f.values.log_group_name !== existing.logGroupName) problems.push(`metric filter ${f.values.name} is on ${f.values.log_group_name}, not on the existing log group ${existing.logGroupName}`);
  }

  const client = ctx.client(existing.account, existing.region);
  const { logGroups } = await client.json('logs', 'Logs_20140328', 'DescribeLogGroups', { logGroupNamePrefix: existing.logGroupName });
  if (!(logGroups ?? []).some((g: { logGroupName: string }) => g.logGroupName === existing.logGroupName)) problems.push(`the existing log group ${existing.logGroupName} is gone`);
  if (existing.trail) {
    const { Trail: trail } = await client.json<{ Trail?: Trail }>('cloudtrail', 'CloudTrail_20131101', 'GetTrail', { Name: existing.trail.arn });
    const delivered = (trail?.CloudWatchLogsLogGroupArn ?? '').replace(/:\*$/, '').split(':log-group:')[1];
    if (!trail) problems.push(`the existing trail ${existing.trail.arn} is gone`);
    else if (delivered !== existing.logGroupName) problems.push(`the existing trail delivers to ${delivered}, not to ${existing.logGroupName}`);
  }

  return problems.length
    ? { passed: false, summary: `${problems.length} problem(s) with the existing trail's log group ${existing.logGroupName}`, details: problems }
    : {
        passed: true,
        summary: `no trail, bucket or log group of its own; ${filters.length} filters on the existing log group ${existing.logGroupName}${existing.trail ? ` of trail ${existing.trail.name}` : ''}`,
      };
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const env = ctx.environment;
  const existing = existingTrailOf(env);
  if (existing) return checkExistingTrail(ctx, existing);
  const trails = ctx.resources.filter((r) => r.type === 'aws_cloudtrail');
  if (trails.length !== 1) return { passed: false, summary: `expected one aws_cloudtrail in the state, found ${trails.length}` };
  const arn = trails[0].values.arn as string;
  const problems: string[] = [];
  const expect = (what: string, seen: unknown, wanted: unknown) => {
    if (seen !== wanted) problems.push(`${what}: emulator has ${JSON.stringify(seen)}, expected ${JSON.stringify(wanted)}`);
  };

  const { Trail: trail } = await ctx.client().json<{ Trail?: Trail }>('cloudtrail', 'CloudTrail_20131101', 'GetTrail', { Name: arn });
  if (!trail) return { passed: false, summary: `trail ${arn} not found in account ${env.managementAccountId}` };
  expect('trail ARN account', trail.TrailARN.split(':')[4], env.managementAccountId);
  expect('S3 bucket', trail.S3BucketName, logBucketName(env));
  expect('multi-region', trail.IsMultiRegionTrail, true);
  expect('organization trail', trail.IsOrganizationTrail, true);
  expect('log file validation', trail.LogFileValidationEnabled, true);

  const keyArn = trail.KmsKeyId ?? '';
  expect('trail key account', keyArn.split(':')[4], logBucketAccount(env));
  const key = await ctx.client(logBucketAccount(env)).json('kms', 'TrentService', 'DescribeKey', { KeyId: keyArn });
  expect('trail key state', key.KeyMetadata?.KeyState, 'Enabled');

  const bucketOwner = ctx.client(logBucketAccount(env));
  const encryption = await bucketOwner.rest('s3', 'GET', `/${logBucketName(env)}?encryption`);
  if (!encryption.includes(keyArn)) problems.push(`log bucket default encryption does not name the trail key ${keyArn}`);

  const groupArn = (trail.CloudWatchLogsLogGroupArn ?? '').replace(/:\*$/, '');
  const groupName = groupArn.split(':log-group:')[1];
  const { logGroups } = await ctx.client().json('logs', 'Logs_20140328', 'DescribeLogGroups', { logGroupNamePrefix: groupName ?? '' });
  const group = (logGroups ?? []).find((g: { logGroupName: string }) => g.logGroupName === groupName);
  if (!group) problems.push(`the trail's log group ${groupArn} does not exist`);
  else if (!group.kmsKeyId) problems.push(`log group ${groupName} is not encrypted with a KMS key`);

  return problems.length
    ? { passed: false, summary: `${problems.length} problem(s) with trail ${trail.Name}`, details: problems }
    : { passed: true, summary: `trail ${trail.Name} → s3://${trail.S3BucketName} (account ${logBucketAccount(env)}), key and log group ${groupName} wired` };
}
