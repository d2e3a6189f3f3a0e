/**
 * The policies of the organization trail, as pure functions of config-derived names: every ARN is a
 * plain string, so `terraform plan` shows the exact policy and tests evaluate it by its effect.
 */
import { keyAdministrationStatement } from '../common/key-administration';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../common/policy';

/** Names and accounts every trail policy is built from. */
export interface TrailIdentity {
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** Home region of the trail. */
  readonly region: string;
  readonly trailName: string;
  readonly bucketName: string;
  /** Account that owns the log bucket and trail key. */
  readonly bucketAccountId: string;
  readonly logGroupName: string;
}

export const trailArn = (t: Pick<TrailIdentity, 'region' | 'managementAccountId' | 'trailName'>) =>
  `arn:aws:cloudtrail:${t.region}:${t.managementAccountId}:trail/${t.trailName}`;
export const logGroupArn = (t: Pick<TrailIdentity, 'region' | 'managementAccountId' | 'logGroupName'>) =>
  `arn:aws:logs:${t.region}:${t.managementAccountId}:log-group:${t.logGroupName}`;
export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
/** Any trail of the management account, in any region: the key's CloudTrail encryption context. */
const anyTrailOfManagement = (t: TrailIdentity) => `arn:aws:cloudtrail:*:${t.managementAccountId}:trail/*`;

function denyInsecureTransport(bucket: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn(bucket), `${bucketArn(bucket)}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Log bucket: TLS only; CloudTrail of this trail only, into AWSLogs/<management>/ and AWSLogs/<org>/; listed readers of the organization. */
export function logBucketPolicy(t: TrailIdentity, readers: readonly string[]): PolicyDocument {
  const arn = bucketArn(t.bucketName);
  const statements: PolicyStatement[] = [
    denyInsecureTransport(t.bucketName),
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: arn,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(t) } },
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: [`${arn}/AWSLogs/${t.managementAccountId}/*`, `${arn}/AWSLogs/${t.organizationId}/*`],
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn(t) } },
    },
  ];
  if (readers.length > 0) {
    statements.push({
      Sid: 'AllowOrganizationLogReaders',
      Effect: 'Allow',
      Principal: { AWS: [...readers] },
      Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
      Resource: [arn, `${arn}/*`],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': t.organizationId } },
    });
  }
  return policyDocument(statements);
}

/** Access-log bucket: TLS only; S3 server access logging of the log bucket only (no ACLs). */
export function accessLogBucketPolicy(accessLogBucket: string, sourceBucket: string, bucketAccountId: string): PolicyDocument {
  return policyDocument([
    denyInsecureTransport(accessLogBucket),
    {
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn(accessLogBucket)}/${accessLogPrefix(sourceBucket)}*`,
      Condition: { ArnLike: { 'aws:SourceArn': bucketArn(sourceBucket) }, StringEquals: { 'aws:SourceAccount': bucketAccountId } },
    },
  ]);
}

/** Key prefix of the log bucket's access logs in the access-log bucket. */
export const accessLogPrefix = (sourceBucket: string) => `${sourceBucket}/`;

/**
 * Trail key: CloudTrail encrypts for this trail only; log readers of the organization decrypt CloudTrail
 * objects only. `administrators`: named key administrators of the bucket account (modules/common/key-administration.ts);
 * when set, the bucket account's root no longer administers the key nor decrypts through IAM policies.
 */
export function trailKeyPolicy(t: TrailIdentity, readers: readonly string[], administrators: readonly string[] = []): PolicyDocument {
  const cloudTrailContext = { 'kms:EncryptionContext:aws:cloudtrail:arn': anyTrailOfManagement(t) };
  const decrypters = [...(administrators.length === 0 ? [`arn:aws:iam::${t.bucketAccountId}:root`] : []), ...readers];
  return policyDocument([
    keyAdministrationStatement(t.bucketAccountId, administrators),
    {
      Sid: 'AllowCloudTrailEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringLike: cloudTrailContext, StringEquals: { 'aws:SourceArn': trailArn(t) } },
    },
    {
      Sid: 'AllowCloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(t) } },
    },
    {
      // CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail"
      // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
      // "If you are using an existing S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required
      // to create or update a trail with SSE-KMS encryption enabled." The log bucket uses S3 Bucket Keys and
      // may be imported (trail.existingBucket), and every later update of the trail meets an existing
      // bucket. Same source condition as the encrypt grant: this trail only. No encryption-context
      // condition: with a Bucket Key, S3 asks KMS under the bucket's context, not CloudTrail's.
      Sid: 'AllowCloudTrailDecryptForBucketKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(t) } },
    },
    ...(decrypters.length > 0
      ? [
          {
            Sid: 'AllowOrganizationLogReadersDecrypt',
            Effect: 'Allow' as const,
            Principal: { AWS: decrypters },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { StringLike: cloudTrailContext, StringEquals: { 'aws:PrincipalOrgID': t.organizationId } },
          },
        ]
      : []),
  ]);
}

/** Log group key (management account): CloudWatch Logs of the home region, for this log group only. */
export function logGroupKeyPolicy(t: TrailIdentity, administrators: readonly string[] = []): PolicyDocument {
  return policyDocument([
    keyAdministrationStatement(t.managementAccountId, administrators),
    {
      Sid: 'AllowCloudWatchLogsForTheTrailLogGroup',
      Effect: 'Allow',
      Principal: { Service: `logs.${t.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(t) } },
    },
  ]);
}

/** A role trust policy: like a resource policy, but IAM rejects a `Resource` element in it. */
export interface TrustPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: Omit<PolicyStatement, 'Resource'>[];
}

/**
 * Trust policy of the delivery role: CloudTrail, with no source condition. CloudTrail user guide, "Role
 * policy document for CloudTrail to use CloudWatch Logs for monitoring"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html):
 * "Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The
 * role policy doesn't support the use of aws:SourceArn and aws:SourceAccount." With them, CreateTrail
 * fails with InvalidCloudWatchLogsRoleArnException. What the role can do stays narrow: its inline policy
 * (deliveryRolePolicy) writes this trail's log streams of this log group only.
 */
export function deliveryRoleTrustPolicy(_t: TrailIdentity): TrustPolicyDocument {
  const { Resource: _none, ...statement } = policyDocument([
    {
      Sid: 'CloudTrailDeliversToCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Resource: '*',
    },
  ]).Statement[0];
  return { Version: '2012-10-17', Statement: [statement] };
}

/** The delivery role may only create and write the trail's own log streams. */
export function deliveryRolePolicy(t: TrailIdentity): PolicyDocument {
  const streams = `${logGroupArn(t)}:log-stream:`;
  return policyDocument([
    {
      Sid: 'WriteTrailLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [`${streams}${t.managementAccountId}_CloudTrail_${t.region}*`, `${streams}${t.organizationId}_*`],
    },
  ]);
}
