/**
 * Checks of OrganizationTrail props, for the construct used on its own (the environment config is
 * checked earlier by the `trail` section schema): every problem, with the prop name and the fix.
 */
import { ACCOUNT_ID, isAwsRegion, ORGANIZATION_ID } from '../common/aws-values';
import type { Problem } from '../common/errors';
import { LOG_RETENTION_DAYS } from '../common/cloudwatch-limits';
import type { OrganizationTrailProps } from './organization-trail';

/** Principals that may be granted read access: a role, a user or an account root, in the aws partition. */
export const READER_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@\/-]{1,512}|user\/[\w+=,.@\/-]{1,512})$/;

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Every problem with OrganizationTrail props (empty when valid), each naming the prop and the fix. */
export function organizationTrailPropsProblems(p: OrganizationTrailProps): Problem[] {
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });

  if (!ORGANIZATION_ID.test(p.organizationId)) bad('organizationId', 'must be an AWS Organizations ID matching ^o-[a-z0-9]{10,32}$');
  if (!ACCOUNT_ID.test(p.managementAccountId)) bad('managementAccountId', 'must be a 12-digit AWS account ID');
  if (p.logArchiveAccountId !== undefined && !ACCOUNT_ID.test(p.logArchiveAccountId)) bad('logArchiveAccountId', 'must be a 12-digit AWS account ID, or left out');
  if (!isAwsRegion(p.region)) bad('region', 'must be an AWS region of the aws partition, e.g. us-east-1');
  if (!/^[a-zA-Z0-9][\w.-]{1,126}[a-zA-Z0-9]$/.test(p.trailName)) bad('trailName', 'must be 3-128 letters, digits, periods, underscores and hyphens');
  if (!BUCKET.test(p.bucketName)) bad('bucketName', 'must be an S3 bucket name of 3-63 lower-case letters, digits and hyphens');
  if (!BUCKET.test(p.accessLogBucketName)) bad('accessLogBucketName', 'must be an S3 bucket name of 3-63 lower-case letters, digits and hyphens');
  if (p.bucketName === p.accessLogBucketName) bad('accessLogBucketName', 'must differ from bucketName');
  if (!/^[\w\-/.#]{1,512}$/.test(p.logGroupName)) bad('logGroupName', 'must be 1-512 characters of letters, digits and _-/.#');
  if (!/^[\w+=,.@-]{1,64}$/.test(p.deliveryRoleName)) bad('deliveryRoleName', 'must be 1-64 characters of letters, digits and +=,.@_-');
  if (p.logRetentionDays !== undefined && !(LOG_RETENTION_DAYS as readonly number[]).includes(p.logRetentionDays)) {
    bad('logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (p.objectLock) {
    if (p.existingBucket) bad('objectLock', 'cannot be enabled on an existing (imported) bucket: Object Lock is only set at bucket creation');
    if (!Number.isInteger(p.objectLock.retentionDays) || p.objectLock.retentionDays < 1) bad('objectLock.retentionDays', 'must be a whole number of days >= 1');
    if (p.forceDestroy) bad('forceDestroy', 'cannot delete objects under Object Lock retention: remove forceDestroy or objectLock');
  }
  if (p.forceDestroy && (p.preventDestroy ?? true)) bad('forceDestroy', 'needs preventDestroy: false');
  const lc = p.lifecycle ?? {};
  for (const key of ['transitionAfterDays', 'expireAfterDays', 'noncurrentVersionExpireAfterDays'] as const) {
    const v = lc[key];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 1)) bad(`lifecycle.${key}`, 'must be a whole number of days >= 1');
  }
  (p.readers ?? []).forEach((r, i) => {
    if (!READER_ARN.test(r)) bad(`readers[${i}]`, 'must be an IAM role, user or account root ARN');
  });
  return problems;
}
