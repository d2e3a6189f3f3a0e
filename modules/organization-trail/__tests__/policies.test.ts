/**
 * Every policy of the trail tested by its effect: the synthesized JSON is evaluated by an IAM policy
 * simulator (__tests__/support/iam-policy.ts), never compared as text.
 */
import { evaluate, type PolicyRequest } from '../../../__tests__/support/iam-policy';
import { ARCHIVE, MGMT, ORG, OUTSIDER, REGION, resource, synthJson, TRAIL_ARN } from './support';

const READER = `arn:aws:iam::${MGMT}:role/SecurityInvestigator`;
const json = synthJson({ readers: [READER] });
const bucketPolicy = resource(json, 'aws_s3_bucket_policy', 'log-bucket').policy;
const accessLogPolicy = resource(json, 'aws_s3_bucket_policy', 'access-log-bucket').policy;
const trailKeyPolicy = resource(json, 'aws_kms_key', 'trail-key').policy;
const logGroupKeyPolicy = resource(json, 'aws_kms_key', 'cloudwatch-delivery/log-group-key').policy;
const trustPolicy = resource(json, 'aws_iam_role').assume_role_policy;
const rolePolicy = resource(json, 'aws_iam_role_policy').policy;

const BUCKET = 'arn:aws:s3:::example-cloudtrail-logs';
const TLS = { 'aws:SecureTransport': 'true' };
const fromTrail = { ...TLS, 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': MGMT, 's3:x-amz-acl': 'bucket-owner-full-control' };
const cloudTrailPut = (key: string, context: Record<string, string> = fromTrail): PolicyRequest => ({
  principal: 'cloudtrail.amazonaws.com',
  action: 's3:PutObject',
  resource: `${BUCKET}/${key}`,
  resourceAccount: ARCHIVE,
  context,
});
const onBucket = (request: PolicyRequest) => evaluate({ resourcePolicy: bucketPolicy }, request);
/** The identity policy a reader (or an attacker) has in its own account: a cross-account request needs both sides. */
const readEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'], Resource: '*' }] };

describe('log bucket policy, by effect', () => {
  it.each([`AWSLogs/${MGMT}/CloudTrail/${REGION}/2026/01/01/f.json.gz`, `AWSLogs/${ORG}/${OUTSIDER}/CloudTrail/${REGION}/2026/01/01/f.json.gz`])(
    'lets CloudTrail of this trail write %s',
    async (key) => {
      expect(await onBucket(cloudTrailPut(key))).toBe('Allowed');
    },
  );

  it('denies CloudTrail without the source ARN, or for another trail', async () => {
    const { 'aws:SourceArn': _arn, ...noSource } = fromTrail;
    expect(await onBucket(cloudTrailPut(`AWSLogs/${MGMT}/x.json.gz`, noSource))).not.toBe('Allowed');
    const otherTrail = { ...fromTrail, 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${OUTSIDER}:trail/org-trail` };
    expect(await onBucket(cloudTrailPut(`AWSLogs/${MGMT}/x.json.gz`, otherTrail))).not.toBe('Allowed');
  });

  it('denies CloudTrail writes outside AWSLogs/<management account>/ and AWSLogs/<organization>/', async () => {
    for (const key of ['outside.json.gz', `AWSLogs/${OUTSIDER}/x.json.gz`, `other/AWSLogs/${MGMT}/x.json.gz`]) {
      expect(await onBucket(cloudTrailPut(key))).not.toBe('Allowed');
    }
  });

  it('denies a CloudTrail write without bucket-owner-full-control', async () => {
    const { 's3:x-amz-acl': _acl, ...noAcl } = fromTrail;
    expect(await onBucket(cloudTrailPut(`AWSLogs/${MGMT}/x.json.gz`, noAcl))).not.toBe('Allowed');
  });

  it('lets CloudTrail check the bucket ACL only for this trail', async () => {
    const acl = (context: Record<string, string>): PolicyRequest => ({ principal: 'cloudtrail.amazonaws.com', action: 's3:GetBucketAcl', resource: BUCKET, resourceAccount: ARCHIVE, context });
    expect(await onBucket(acl({ ...TLS, 'aws:SourceArn': TRAIL_ARN }))).toBe('Allowed');
    expect(await onBucket(acl(TLS))).not.toBe('Allowed');
  });

  it('explicitly denies plain-HTTP requests, even from CloudTrail and readers', async () => {
    expect(await onBucket(cloudTrailPut(`AWSLogs/${MGMT}/x.json.gz`, { ...fromTrail, 'aws:SecureTransport': 'false' }))).toBe('ExplicitlyDenied');
    const read: PolicyRequest = { principal: READER, action: 's3:GetObject', resource: `${BUCKET}/AWSLogs/${MGMT}/x.json.gz`, resourceAccount: ARCHIVE, context: { 'aws:SecureTransport': 'false', 'aws:PrincipalOrgID': ORG } };
    expect(await onBucket(read)).toBe('ExplicitlyDenied');
  });

  it('lets listed readers of the organization read, and nobody else', async () => {
    const read = (principal: string, context: Record<string, string>): PolicyRequest => ({ principal, action: 's3:GetObject', resource: `${BUCKET}/AWSLogs/${MGMT}/x.json.gz`, resourceAccount: ARCHIVE, context });
    const withIdentity = (r: PolicyRequest) => evaluate({ resourcePolicy: bucketPolicy, identityPolicies: [readEverything] }, r);
    expect(await withIdentity(read(READER, { ...TLS, 'aws:PrincipalOrgID': ORG }))).toBe('Allowed');
    expect(await withIdentity(read(READER, { ...TLS, 'aws:PrincipalOrgID': 'o-someoneelse' }))).not.toBe('Allowed');
    expect(await withIdentity(read(`arn:aws:iam::${MGMT}:role/NotAReader`, { ...TLS, 'aws:PrincipalOrgID': ORG }))).not.toBe('Allowed');
    expect(await withIdentity(read(`arn:aws:iam::${OUTSIDER}:role/Attacker`, { ...TLS, 'aws:PrincipalOrgID': 'o-someoneelse' }))).not.toBe('Allowed');
    expect(await onBucket(read('anonymous', TLS))).not.toBe('Allowed');
  });

  it('denies anonymous and outside-organization writes and deletes', async () => {
    const key = `${BUCKET}/AWSLogs/${MGMT}/x.json.gz`;
    expect(await onBucket({ principal: 'anonymous', action: 's3:PutObject', resource: key, resourceAccount: ARCHIVE, context: TLS })).not.toBe('Allowed');
    expect(await onBucket({ principal: `arn:aws:iam::${OUTSIDER}:root`, action: 's3:DeleteObject', resource: key, resourceAccount: ARCHIVE, context: TLS })).not.toBe('Allowed');
    expect(await onBucket({ principal: `arn:aws:iam::${OUTSIDER}:user/x`, action: 's3:PutObject', resource: key, resourceAccount: ARCHIVE, context: { ...fromTrail } })).not.toBe('Allowed');
  });
});

describe('access-log bucket policy, by effect', () => {
  const put = (context: Record<string, string>, key = 'example-cloudtrail-logs/2026-01-01-00-00-00-ABC'): PolicyRequest => ({
    principal: 'logging.s3.amazonaws.com', action: 's3:PutObject', resource: `arn:aws:s3:::example-access-logs/${key}`, resourceAccount: ARCHIVE, context,
  });
  const onAccessLogs = (r: PolicyRequest) => evaluate({ resourcePolicy: accessLogPolicy }, r);

  it('lets S3 server access logging of the log bucket write, and nothing else', async () => {
    expect(await onAccessLogs(put({ ...TLS, 'aws:SourceArn': BUCKET, 'aws:SourceAccount': ARCHIVE }))).toBe('Allowed');
    expect(await onAccessLogs(put({ ...TLS, 'aws:SourceArn': 'arn:aws:s3:::someone-elses-bucket', 'aws:SourceAccount': ARCHIVE }))).not.toBe('Allowed');
    expect(await onAccessLogs(put({ ...TLS, 'aws:SourceArn': BUCKET, 'aws:SourceAccount': OUTSIDER }))).not.toBe('Allowed');
    expect(await onAccessLogs(put({ ...TLS, 'aws:SourceArn': BUCKET, 'aws:SourceAccount': ARCHIVE }, 'elsewhere/x'))).not.toBe('Allowed');
    expect(await onAccessLogs(put({ 'aws:SecureTransport': 'false', 'aws:SourceArn': BUCKET, 'aws:SourceAccount': ARCHIVE }))).toBe('ExplicitlyDenied');
  });
});

describe('trail key policy, by effect', () => {
  const KEY = `arn:aws:kms:${REGION}:${ARCHIVE}:key/11111111-2222-3333-4444-555555555555`;
  const onKey = (r: PolicyRequest) => evaluate({ resourcePolicy: trailKeyPolicy }, r);
  const cloudTrail = (action: string, context: Record<string, string>): PolicyRequest => ({ principal: 'cloudtrail.amazonaws.com', action, resource: KEY, resourceAccount: ARCHIVE, context });
  const context = { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN, 'aws:SourceArn': TRAIL_ARN };

  it('lets CloudTrail of this trail generate data keys with the CloudTrail encryption context', async () => {
    expect(await onKey(cloudTrail('kms:GenerateDataKey', context))).toBe('Allowed');
    expect(await onKey(cloudTrail('kms:DescribeKey', { 'aws:SourceArn': TRAIL_ARN }))).toBe('Allowed');
  });

  it('denies CloudTrail without the encryption context, for another account\'s trail, or without the source ARN', async () => {
    expect(await onKey(cloudTrail('kms:GenerateDataKey', { 'aws:SourceArn': TRAIL_ARN }))).not.toBe('Allowed');
    const foreign = `arn:aws:cloudtrail:${REGION}:${OUTSIDER}:trail/x`;
    expect(await onKey(cloudTrail('kms:GenerateDataKey', { 'kms:EncryptionContext:aws:cloudtrail:arn': foreign, 'aws:SourceArn': foreign }))).not.toBe('Allowed');
    expect(await onKey(cloudTrail('kms:GenerateDataKey', { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN }))).not.toBe('Allowed');
  });

  // CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail": with an existing bucket that has
  // an S3 Bucket Key, kms:Decrypt is required to create or update a trail with SSE-KMS. The log bucket has
  // Bucket Keys and globex-prod imports its bucket.
  it('lets CloudTrail of this trail decrypt (S3 Bucket Key of an existing bucket), and no other trail', async () => {
    const bucketKeyContext = { 'kms:EncryptionContext:aws:s3:arn': BUCKET, 'aws:SourceArn': TRAIL_ARN };
    expect(await onKey(cloudTrail('kms:Decrypt', bucketKeyContext))).toBe('Allowed');
    expect(await onKey(cloudTrail('kms:Decrypt', { 'aws:SourceArn': TRAIL_ARN }))).toBe('Allowed');
    expect(await onKey(cloudTrail('kms:Decrypt', {}))).not.toBe('Allowed');
    expect(await onKey(cloudTrail('kms:Decrypt', { 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${OUTSIDER}:trail/x` }))).not.toBe('Allowed');
  });

  it('lets readers of the organization decrypt CloudTrail log files only', async () => {
    const decrypt = (principal: string, ctx: Record<string, string>): PolicyRequest => ({ principal, action: 'kms:Decrypt', resource: KEY, resourceAccount: ARCHIVE, context: ctx });
    const withIdentity = (r: PolicyRequest) => evaluate({ resourcePolicy: trailKeyPolicy, identityPolicies: [readEverything] }, r);
    const cloudTrailContext = { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN };
    expect(await withIdentity(decrypt(READER, { ...cloudTrailContext, 'aws:PrincipalOrgID': ORG }))).toBe('Allowed');
    expect(await withIdentity(decrypt(READER, { 'aws:PrincipalOrgID': ORG }))).not.toBe('Allowed');
    expect(await withIdentity(decrypt(`arn:aws:iam::${MGMT}:role/NotAReader`, { ...cloudTrailContext, 'aws:PrincipalOrgID': ORG }))).not.toBe('Allowed');
    expect(await withIdentity(decrypt(`arn:aws:iam::${OUTSIDER}:role/Attacker`, { ...cloudTrailContext, 'aws:PrincipalOrgID': 'o-someoneelse' }))).not.toBe('Allowed');
    expect(await onKey(decrypt('anonymous', cloudTrailContext))).not.toBe('Allowed');
  });

  it('keeps the key manageable by the owning account\'s administrators (no lock-out), not by other accounts', async () => {
    const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
    const manage = (principal: string): PolicyRequest => ({ principal, action: 'kms:PutKeyPolicy', resource: KEY, resourceAccount: ARCHIVE, context: {} });
    const asAdmin = (r: PolicyRequest) => evaluate({ resourcePolicy: trailKeyPolicy, identityPolicies: [admin] }, r);
    expect(await asAdmin(manage(`arn:aws:iam::${ARCHIVE}:role/KeyAdministrator`))).toBe('Allowed');
    expect(await onKey(manage(`arn:aws:iam::${ARCHIVE}:role/NoKmsPermissions`))).not.toBe('Allowed');
    expect(await asAdmin(manage(`arn:aws:iam::${OUTSIDER}:role/KeyAdministrator`))).not.toBe('Allowed');
  });
});

describe('log group key policy, by effect', () => {
  const KEY = `arn:aws:kms:${REGION}:${MGMT}:key/11111111-2222-3333-4444-555555555555`;
  const GROUP = `arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail`;
  const logs = (principal: string, group: string): PolicyRequest => ({
    principal, action: 'kms:GenerateDataKey', resource: KEY, resourceAccount: MGMT, context: { 'kms:EncryptionContext:aws:logs:arn': group },
  });

  it('lets CloudWatch Logs of the home region use it for the trail log group only', async () => {
    expect(await evaluate({ resourcePolicy: logGroupKeyPolicy }, logs(`logs.${REGION}.amazonaws.com`, GROUP))).toBe('Allowed');
    expect(await evaluate({ resourcePolicy: logGroupKeyPolicy }, logs(`logs.${REGION}.amazonaws.com`, `${GROUP}-other`))).not.toBe('Allowed');
    expect(await evaluate({ resourcePolicy: logGroupKeyPolicy }, logs('logs.us-east-1.amazonaws.com', GROUP))).not.toBe('Allowed');
  });
});

describe('delivery role, by effect', () => {
  const ROLE = `arn:aws:iam::${MGMT}:role/example-ct-delivery`;
  const assume = (principal: string, context: Record<string, string>): PolicyRequest => ({ principal, action: 'sts:AssumeRole', resource: ROLE, resourceAccount: MGMT, context });

  // CloudTrail user guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring":
  // "Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The
  // role policy doesn't support the use of aws:SourceArn and aws:SourceAccount." CloudTrail assumes the
  // role without them, and CreateTrail fails (InvalidCloudWatchLogsRoleArnException) when the trust requires them.
  it('is assumable by CloudTrail without source conditions (which CloudTrail does not send), and by nobody else', async () => {
    const trust = (r: PolicyRequest) => evaluate({ resourcePolicy: trustPolicy }, r);
    expect(await trust(assume('cloudtrail.amazonaws.com', {}))).toBe('Allowed');
    expect(JSON.parse(trustPolicy).Statement.every((s: any) => s.Condition === undefined)).toBe(true);
    expect(await trust(assume(`arn:aws:iam::${MGMT}:role/Admin`, {}))).not.toBe('Allowed');
    expect(await trust(assume('logs.amazonaws.com', {}))).not.toBe('Allowed');
    expect(JSON.parse(trustPolicy).Statement[0]).not.toHaveProperty('Resource');
  });

  it('may only create and write the trail log streams of the log group', async () => {
    const stream = (name: string, action = 'logs:PutLogEvents'): PolicyRequest => ({
      principal: ROLE, action, resource: `arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail:log-stream:${name}`, resourceAccount: MGMT, context: {},
    });
    const asRole = (r: PolicyRequest) => evaluate({ identityPolicies: [rolePolicy] }, r);
    expect(await asRole(stream(`${MGMT}_CloudTrail_${REGION}`))).toBe('Allowed');
    expect(await asRole(stream(`${MGMT}_CloudTrail_${REGION}_2`, 'logs:CreateLogStream'))).toBe('Allowed');
    expect(await asRole(stream(`${ORG}_${OUTSIDER}_CloudTrail_${REGION}`))).toBe('Allowed');
    expect(await asRole(stream('something-else'))).not.toBe('Allowed');
    expect(await asRole(stream(`${MGMT}_CloudTrail_${REGION}`, 'logs:DeleteLogStream'))).not.toBe('Allowed');
    const otherGroup: PolicyRequest = { ...stream(`${MGMT}_CloudTrail_${REGION}`), resource: `arn:aws:logs:${REGION}:${MGMT}:log-group:/other:log-stream:${MGMT}_CloudTrail_${REGION}` };
    expect(await asRole(otherGroup)).not.toBe('Allowed');
  });
});

// Key administration (modules/common/key-administration.ts): KMS developer guide, "Default key policy"
// (key administrators statement) and "Least-privilege permissions": named administrators manage the key
// and cannot use it; the account root no longer reaches the key through IAM.
describe('named key administrators, by effect', () => {
  const ARCHIVE_ADMIN = `arn:aws:iam::${ARCHIVE}:role/LogKeyAdmin`;
  const MGMT_ADMIN = `arn:aws:iam::${MGMT}:role/LogKeyAdmin`;
  const named = synthJson({ readers: [READER], keyAdministrators: [ARCHIVE_ADMIN, MGMT_ADMIN] });
  const keys: { name: string; policy: string; account: string; admin: string; context: Record<string, string> }[] = [
    { name: 'trail key', policy: resource(named, 'aws_kms_key', 'trail-key').policy, account: ARCHIVE, admin: ARCHIVE_ADMIN, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN, 'aws:PrincipalOrgID': ORG } },
    { name: 'log group key', policy: resource(named, 'aws_kms_key', 'cloudwatch-delivery/log-group-key').policy, account: MGMT, admin: MGMT_ADMIN, context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail`, 'aws:PrincipalOrgID': ORG } },
  ];
  const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

  it.each(keys)('$name: its administrator manages it (PutKeyPolicy, ScheduleKeyDeletion) but cannot decrypt, encrypt or generate data keys', async ({ policy, account, admin, context }) => {
    const KEY = `arn:aws:kms:${REGION}:${account}:key/11111111-2222-3333-4444-555555555555`;
    const asAdmin = (action: string) => evaluate({ resourcePolicy: policy, identityPolicies: [everything] }, { principal: admin, action, resource: KEY, resourceAccount: account, context });
    for (const action of ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation', 'kms:DescribeKey', 'kms:CreateAlias']) expect(await asAdmin(action)).toBe('Allowed');
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:CreateGrant']) expect(await asAdmin(action)).not.toBe('Allowed');
  });

  it.each(keys)('$name: an account administrator with kms:* in IAM no longer reaches it', async ({ policy, account, context }) => {
    const KEY = `arn:aws:kms:${REGION}:${account}:key/11111111-2222-3333-4444-555555555555`;
    const asAccountAdmin = (action: string) =>
      evaluate({ resourcePolicy: policy, identityPolicies: [everything] }, { principal: `arn:aws:iam::${account}:role/Admin`, action, resource: KEY, resourceAccount: account, context });
    expect(await asAccountAdmin('kms:Decrypt')).not.toBe('Allowed');
    expect(await asAccountAdmin('kms:PutKeyPolicy')).not.toBe('Allowed');
  });

  it('keeps readers and CloudTrail working on the trail key', async () => {
    const KEY = `arn:aws:kms:${REGION}:${ARCHIVE}:key/11111111-2222-3333-4444-555555555555`;
    const policy = keys[0].policy;
    expect(await evaluate({ resourcePolicy: policy, identityPolicies: [readEverything] }, { principal: READER, action: 'kms:Decrypt', resource: KEY, resourceAccount: ARCHIVE, context: keys[0].context })).toBe('Allowed');
    expect(
      await evaluate({ resourcePolicy: policy }, { principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: KEY, resourceAccount: ARCHIVE, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN, 'aws:SourceArn': TRAIL_ARN } }),
    ).toBe('Allowed');
  });
});
