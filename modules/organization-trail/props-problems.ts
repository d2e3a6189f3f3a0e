/**
 * Checks of OrganizationTrail props, for the construct used on its own (the environment config is
 * checked earlier by the `trail` section schema): every problem, with the prop name and the fix.
 */
import { ACCOUNT_ID, isAwsRegion, ORGANIZATION_ID, ROLE_ARN } from '../common/aws-values';
import type { Problem } from '../common/errors';
import { LOG_RETENTION_DAYS } from '../common/cloudwatch-limits';
import type { OrganizationTrailProps } from './organization-trail';

/** Principals that may be granted read access: a role, a user or an account root, in the aws partition. */
export const READER_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@\/-]{1,512}|user\/[\w+=,.@\/-]{1,512})$/;

/**
 * Why a reader ARN is not usable as a principal of the bucket and key policies, or undefined. The forms
 * people try that AWS rejects get their own fix: an IAM group is never a principal, a role session
 * (sts assumed-role) stops matching when the session ends. KMS also rejects a key policy naming a
 * principal that does not exist ("Default key policy"/PutKeyPolicy: the principals must exist and be
 * visible to KMS): that cannot be checked offline, so docs/organization-trail.md (Readers) says so.
 */
export function readerArnProblem(arn: string): string | undefined {
  if (READER_ARN.test(arn)) return undefined;
  if (/^arn:aws:iam::\d{12}:group\//.test(arn)) return `"${arn}" is an IAM group, which AWS does not accept as a policy principal: name a role its members assume`;
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (session) return `"${arn}" is a role session: name the role itself, arn:aws:iam::${session[1]}:role/${session[2]}`;
  return `"${arn}" must be an IAM role, user or account root ARN: arn:aws:iam::<12 digits>:role/<name> (the principal must exist: KMS rejects a key policy naming one that does not)`;
}

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
    const problem = readerArnProblem(r);
    if (problem) bad(`readers[${i}]`, problem);
  });
  const administrators = p.keyAdministrators ?? [];
  const bucketAccount = p.logArchiveAccountId ?? p.managementAccountId;
  administrators.forEach((arn, i) => {
    const account = ROLE_ARN.exec(arn)?.[1];
    if (!account) bad(`keyAdministrators[${i}]`, 'must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>');
    else if (account !== p.managementAccountId && account !== bucketAccount) {
      bad(`keyAdministrators[${i}]`, `must be a role of the management account ${p.managementAccountId} or the log-archive account ${bucketAccount}, not ${account}`);
    }
  });
  if (administrators.length > 0) {
    const keysOf = new Map<string, string[]>([[bucketAccount, ['trail key']]]);
    keysOf.set(p.managementAccountId, [...(keysOf.get(p.managementAccountId) ?? []), 'log group key']);
    for (const [account, keys] of keysOf) {
      if (!administrators.some((arn) => ROLE_ARN.exec(arn)?.[1] === account)) {
        bad('keyAdministrators', `names no role of account ${account}, which owns the ${keys.join(' and the ')}: add the role Terraform deploys with there (KMS rejects a key policy that locks its caller out)`);
      }
    }
  }
  return problems;
}
