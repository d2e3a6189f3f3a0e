/**
 * The policies of the organization trail, as pure functions of config-derived names: every ARN is a
 * plain string, so `terraform plan` shows the exact policy and tests evaluate it by its effect.
 */
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

/** Statement that keeps the key manageable by the owning account's IAM administrators (no lock-out). */
function accountAdministration(accountId: string): PolicyStatement {
  return {
    Sid: 'EnableAccountAdministration',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** Trail key: CloudTrail encrypts for this trail only; log readers of the organization decrypt CloudTrail objects only. */
export function trailKeyPolicy(t: TrailIdentity, readers: readonly string[]): PolicyDocument {
  const cloudTrailContext = { 'kms:EncryptionContext:aws:cloudtrail:arn': anyTrailOfManagement(t) };
  return policyDocument([
    accountAdministration(t.bucketAccountId),
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
      Sid: 'AllowOrganizationLogReadersDecrypt',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${t.bucketAccountId}:root`, ...readers] },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringLike: cloudTrailContext, StringEquals: { 'aws:PrincipalOrgID': t.organizationId } },
    },
  ]);
}

/** Log group key (management account): CloudWatch Logs of the home region, for this log group only. */
export function logGroupKeyPolicy(t: TrailIdentity): PolicyDocument {
  return policyDocument([
    accountAdministration(t.managementAccountId),
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

/** Trust policy of the delivery role: CloudTrail, for this trail of the management account only. */
export function deliveryRoleTrustPolicy(t: TrailIdentity): TrustPolicyDocument {
  const { Resource: _none, ...statement } = policyDocument([
    {
      Sid: 'CloudTrailOfThisTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(t), 'aws:SourceAccount': t.managementAccountId } },
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
