/**
 * Rules from the AWS documentation that `terraform plan` cannot check (AWS decides them at apply time, or
 * later at delivery time, silently), encoded as tests over every example environment's synthesized JSON.
 * Each rule names its documentation page. Policies are judged by their effect through the IAM policy
 * simulator (__tests__/support/iam-policy.ts), never by their text, and every rule finds the resources it
 * checks generically (by type and cross-reference), so it also covers a stack composed differently.
 */
import { App, Testing } from 'cdktf';
import { loadFile } from '../config/load';
import { exampleFiles } from '../config/__tests__/examples';
import type { Environment } from '../config/environment-schema';
import { EnvironmentStack } from '../stacks/environment-stack';
import { evaluate } from './support/iam-policy';

const EXAMPLE_FILES = exampleFiles();

function exampleEnv(file: string): Environment {
  const { env, problems } = loadFile(file);
  if (!env) throw new Error(`${file}: ${problems.join('; ')}`);
  return env;
}

/** acme-prod with named key administrators on every key (the option that replaces the account roots). */
function withKeyAdministrators(env: Environment): Environment {
  const archive = env.logArchiveAccountId ?? env.managementAccountId;
  return {
    ...env,
    name: `${env.name}-admins`,
    trail: { ...env.trail, keyAdministrators: [`arn:aws:iam::${archive}:role/LogKeyAdmin`, `arn:aws:iam::${env.managementAccountId}:role/LogKeyAdmin`] },
    alerting: { ...env.alerting, keyAdministrators: [`arn:aws:iam::${env.managementAccountId}:role/AlertKeyAdmin`] },
  };
}

const CASES: [string, Environment][] = [
  ...EXAMPLE_FILES.map((f) => [f, exampleEnv(f)] as [string, Environment]),
  ['config/acme-prod.yaml with key administrators', withKeyAdministrators(exampleEnv('config/acme-prod.yaml'))],
];

type Resources = Record<string, Record<string, any>>;
const synth = (env: Environment) => JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
const all = (json: any, type: string): [string, any][] => Object.entries<any>((json.resource as Resources)[type] ?? {});
/** The resource a `${type.name.attr}` expression points to. */
function referenced(json: any, expression: string): [string, any] | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(expression ?? '');
  const body = m ? json.resource[m[1]]?.[m[2]] : undefined;
  return body ? [`${m![1]}.${m![2]}`, body] : undefined;
}
/** Account a resource lives in: its provider's allowed account. */
function accountOf(json: any, body: any): string {
  const alias = typeof body.provider === 'string' && body.provider.includes('.') ? body.provider.split('.')[1] : undefined;
  const provider = (json.provider.aws as any[]).find((p) => (alias ? p.alias === alias : !p.alias));
  return provider.allowed_account_ids[0];
}
const deploymentRole = (env: Environment, account: string) =>
  account === env.managementAccountId ? env.deployment.management.roleArn : env.deployment.logArchive!.roleArn;
const KEY_ID = '11111111-2222-3333-4444-555555555555';
const TLS = { 'aws:SecureTransport': 'true' };

describe.each(CASES)('AWS rules: %s', (_file, env) => {
  const json = synth(env);
  const trails = all(json, 'aws_cloudtrail');
  // With existingTrail, trailwatch creates no trail, bucket or log group: the trail rules must find none of them.
  const createsTrail = env.existingTrail === undefined;

  // CloudTrail user guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring"
  // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html):
  // "Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role
  // policy doesn't support the use of aws:SourceArn and aws:SourceAccount."
  it('the CloudWatch Logs delivery role trust has no source conditions, and CloudTrail may assume it', async () => {
    expect(trails.length > 0).toBe(createsTrail);
    for (const [, trail] of trails) {
      const [, role] = referenced(json, trail.cloud_watch_logs_role_arn)!;
      const trust = JSON.parse(role.assume_role_policy);
      expect(JSON.stringify(trust)).not.toMatch(/aws:Source(Arn|Account)/i);
      const roleArn = `arn:aws:iam::${accountOf(json, role)}:role/${role.name}`;
      expect(await evaluate({ resourcePolicy: trust }, { principal: 'cloudtrail.amazonaws.com', action: 'sts:AssumeRole', resource: roleArn, resourceAccount: accountOf(json, role), context: {} })).toBe('Allowed');
    }
  });

  // Same page, organization trails: the role writes the organization's log streams `<organization id>_*`
  // of the trail's log group (CreateLogStream and PutLogEvents).
  it('the delivery role may create and write the organization trail log streams of the trail log group', async () => {
    for (const [, trail] of trails) {
      const [, role] = referenced(json, trail.cloud_watch_logs_role_arn)!;
      const inline = all(json, 'aws_iam_role_policy').map(([, p]) => p).filter((p) => referenced(json, p.role)?.[1] === role);
      const group = (trail.cloud_watch_logs_group_arn as string).replace(/:\*$/, '');
      const account = accountOf(json, role);
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        const request = { principal: `arn:aws:iam::${account}:role/${role.name}`, action, resource: `${group}:log-stream:${env.organizationId}_222222222222_CloudTrail_${env.homeRegion}`, resourceAccount: account, context: {} };
        expect(await evaluate({ identityPolicies: inline.map((p) => p.policy) }, request)).toBe('Allowed');
      }
    }
  });

  // KMS API reference, PutKeyPolicy / CreateKey, BypassPolicyLockoutSafetyCheck
  // (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html): the key policy must allow
  // the principal making the request to make a subsequent PutKeyPolicy request, or KMS rejects it
  // (MalformedPolicyDocumentException); and "Default key policy"
  // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html): only the key policy
  // can let the owning account manage the key. The caller is the role Terraform deploys with in the key's account.
  it('every KMS key lets its own account (the Terraform deployment role) administer it: PutKeyPolicy lock-out check', async () => {
    const keys = all(json, 'aws_kms_key');
    expect(keys.length).toBeGreaterThan(0);
    const iamAdmin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
    for (const [address, key] of keys) {
      const account = accountOf(json, key);
      const request = { principal: deploymentRole(env, account), action: 'kms:PutKeyPolicy', resource: `arn:aws:kms:${env.homeRegion}:${account}:key/${KEY_ID}`, resourceAccount: account, context: {} };
      expect([address, await evaluate({ resourcePolicy: key.policy, identityPolicies: [iamAdmin] }, request)]).toEqual([address, 'Allowed']);
      // And no other account administers it.
      const outsider = { ...request, principal: 'arn:aws:iam::999999999999:role/Admin' };
      expect(await evaluate({ resourcePolicy: key.policy, identityPolicies: [iamAdmin] }, outsider)).not.toBe('Allowed');
    }
  });

  // SNS developer guide, "Encrypting Amazon SNS topics ... compatibility between event sources from AWS
  // services and encrypted topics" (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services):
  // CloudWatch needs kms:Decrypt and kms:GenerateDataKey* on the topic's customer-managed key, else the alarm
  // changes state and the notification is dropped silently. Plus the topic policy's sns:Publish.
  it('every topic an alarm notifies is encrypted with a key whose policy lets cloudwatch.amazonaws.com use it, and lets CloudWatch publish', async () => {
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.length).toBeGreaterThan(0);
    const topics = new Map(all(json, 'aws_sns_topic').map(([, t]) => [`arn:aws:sns:${env.homeRegion}:${accountOf(json, t)}:${t.name}`, t]));
    const checked = new Set<string>();
    for (const [, alarm] of alarms) {
      const account = accountOf(json, alarm);
      const context = { ...TLS, 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:cloudwatch:${env.homeRegion}:${account}:alarm:${alarm.alarm_name}` };
      for (const arn of [...alarm.alarm_actions, ...(alarm.ok_actions ?? []), ...(alarm.insufficient_data_actions ?? [])]) {
        const topic = topics.get(arn);
        expect([arn, topic === undefined ? 'not in this stack' : 'found']).toEqual([arn, 'found']);
        const [, key] = referenced(json, topic.kms_master_key_id)!;
        const keyArn = `arn:aws:kms:${env.homeRegion}:${accountOf(json, key)}:key/${KEY_ID}`;
        for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
          expect(await evaluate({ resourcePolicy: key.policy }, { principal: 'cloudwatch.amazonaws.com', action, resource: keyArn, resourceAccount: account, context })).toBe('Allowed');
        }
        expect(await evaluate({ resourcePolicy: topic.policy }, { principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: arn, resourceAccount: account, context })).toBe('Allowed');
        checked.add(arn);
      }
    }
    expect(checked.size).toBeGreaterThan(0);
  });

  // CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail", organization trails
  // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html):
  // an organization trail writes the member accounts' logs under AWSLogs/<organization id>/ and the
  // management account's under AWSLogs/<management account id>/; the bucket policy must allow both.
  it('the organization trail bucket policy lets this trail write under AWSLogs/<organization id>/ and AWSLogs/<management account>/', async () => {
    const organizationTrails = trails.filter(([, t]) => t.is_organization_trail);
    expect(organizationTrails.length > 0).toBe(createsTrail);
    for (const [, trail] of organizationTrails) {
      const [, policy] = all(json, 'aws_s3_bucket_policy').find(([, p]) => p.bucket === trail.s3_bucket_name)!;
      const trailArn = `arn:aws:cloudtrail:${env.homeRegion}:${env.managementAccountId}:trail/${trail.name}`;
      const bucketAccount = accountOf(json, policy);
      const context = { ...TLS, 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' };
      for (const prefix of [`AWSLogs/${env.organizationId}/222222222222`, `AWSLogs/${env.managementAccountId}`]) {
        const request = { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: `arn:aws:s3:::${trail.s3_bucket_name}/${prefix}/CloudTrail/${env.homeRegion}/2026/01/01/x.json.gz`, resourceAccount: bucketAccount, context };
        expect(await evaluate({ resourcePolicy: policy.policy }, request)).toBe('Allowed');
      }
      const acl = { principal: 'cloudtrail.amazonaws.com', action: 's3:GetBucketAcl', resource: `arn:aws:s3:::${trail.s3_bucket_name}`, resourceAccount: bucketAccount, context: { ...TLS, 'aws:SourceArn': trailArn } };
      expect(await evaluate({ resourcePolicy: policy.policy }, acl)).toBe('Allowed');
    }
  });

  // CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail"
  // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
  // CloudTrail needs kms:GenerateDataKey* (encryption context aws:cloudtrail:arn) and kms:DescribeKey; and
  // "if you are using an existing S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required to
  // create or update a trail with SSE-KMS encryption enabled".
  it('the trail key lets this trail encrypt, describe the key and (S3 Bucket Key) decrypt', async () => {
    for (const [, trail] of trails) {
      const [, key] = referenced(json, trail.kms_key_id)!;
      const account = accountOf(json, key);
      const trailArn = `arn:aws:cloudtrail:${env.homeRegion}:${env.managementAccountId}:trail/${trail.name}`;
      const resource = `arn:aws:kms:${env.homeRegion}:${account}:key/${KEY_ID}`;
      const ask = (action: string, context: Record<string, string>) => evaluate({ resourcePolicy: key.policy }, { principal: 'cloudtrail.amazonaws.com', action, resource, resourceAccount: account, context });
      expect(await ask('kms:GenerateDataKey', { 'aws:SourceArn': trailArn, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn })).toBe('Allowed');
      expect(await ask('kms:DescribeKey', { 'aws:SourceArn': trailArn })).toBe('Allowed');
      const [, encryption] = all(json, 'aws_s3_bucket_server_side_encryption_configuration').find(([, e]) => e.bucket === trail.s3_bucket_name)!;
      if (encryption.rule[0].bucket_key_enabled) {
        expect(await ask('kms:Decrypt', { 'aws:SourceArn': trailArn, 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${trail.s3_bucket_name}` })).toBe('Allowed');
      }
    }
  });

  // CloudWatch Logs user guide, "Encrypt log data in CloudWatch Logs using AWS KMS"
  // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the key policy
  // must let logs.<region>.amazonaws.com use the key, under the log group ARN as encryption context;
  // otherwise CreateLogGroup with kmsKeyId fails.
  it('every encrypted log group\'s key lets CloudWatch Logs of its region use it for that log group', async () => {
    const groups = all(json, 'aws_cloudwatch_log_group').filter(([, g]) => g.kms_key_id);
    if (createsTrail) expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) {
      const [, key] = referenced(json, group.kms_key_id)!;
      const account = accountOf(json, key);
      const context = { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${env.homeRegion}:${account}:log-group:${group.name}` };
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:DescribeKey']) {
        const request = { principal: `logs.${env.homeRegion}.amazonaws.com`, action, resource: `arn:aws:kms:${env.homeRegion}:${account}:key/${KEY_ID}`, resourceAccount: account, context };
        expect([action, await evaluate({ resourcePolicy: key.policy }, request)]).toEqual([action, 'Allowed']);
      }
    }
  });

  // S3 user guide, "Enabling Amazon S3 server access logging" and "Permissions for log delivery"
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html): the target
  // bucket's policy must let logging.s3.amazonaws.com PutObject for the source bucket (ACLs are off:
  // BucketOwnerEnforced), and "S3 buckets that have S3 Object Lock enabled can't be used as destination
  // buckets for server access logs".
  it('every server access logging target lets S3 logging write for its source bucket, and has no Object Lock', async () => {
    const loggings = all(json, 'aws_s3_bucket_logging');
    expect(loggings.length > 0).toBe(createsTrail);
    for (const [, logging] of loggings) {
      const [, policy] = all(json, 'aws_s3_bucket_policy').find(([, p]) => p.bucket === logging.target_bucket)!;
      const account = accountOf(json, policy);
      const request = {
        principal: 'logging.s3.amazonaws.com',
        action: 's3:PutObject',
        resource: `arn:aws:s3:::${logging.target_bucket}/${logging.target_prefix}2026-01-01-00-00-00-ABCDEF`,
        resourceAccount: account,
        context: { ...TLS, 'aws:SourceArn': `arn:aws:s3:::${logging.bucket}`, 'aws:SourceAccount': account },
      };
      expect(await evaluate({ resourcePolicy: policy.policy }, request)).toBe('Allowed');
      const [, target] = all(json, 'aws_s3_bucket').find(([, b]) => b.bucket === logging.target_bucket)!;
      expect(target.object_lock_enabled).toBeUndefined();
      expect(all(json, 'aws_s3_bucket_object_lock_configuration').filter(([, c]) => c.bucket === logging.target_bucket)).toEqual([]);
    }
  });

  // SNS developer guide, "Amazon SNS dead-letter queues (DLQs)" (https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html):
  // the queue policy must let sns.amazonaws.com SendMessage for the subscribed topic, and an encrypted queue's
  // key must let SNS use it; otherwise undeliverable notifications are lost instead of kept.
  it('every dead-letter queue accepts the notifications its subscriptions redrive, and its key lets SNS encrypt them', async () => {
    const queues = new Map(all(json, 'aws_sqs_queue').map(([, q]) => [`arn:aws:sqs:${env.homeRegion}:${accountOf(json, q)}:${q.name}`, q]));
    const redriven = all(json, 'aws_sns_topic_subscription').filter(([, s]) => s.redrive_policy);
    const configured = env.alerting.topics.flatMap((t) => t.subscriptions).filter((s) => ['https', 'sqs', 'lambda'].includes(s.protocol));
    expect(redriven).toHaveLength(configured.length);
    for (const [, sub] of redriven) {
      const target = JSON.parse(sub.redrive_policy).deadLetterTargetArn as string;
      const queue = queues.get(target)!;
      expect(queue).toBeDefined();
      const account = accountOf(json, queue);
      const context = { ...TLS, 'aws:SourceArn': sub.topic_arn, 'aws:SourceAccount': account };
      expect(await evaluate({ resourcePolicy: queue.policy }, { principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: target, resourceAccount: account, context })).toBe('Allowed');
      const [, key] = referenced(json, queue.kms_master_key_id)!;
      const keyArn = `arn:aws:kms:${env.homeRegion}:${account}:key/${KEY_ID}`;
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        expect(await evaluate({ resourcePolicy: key.policy }, { principal: 'sns.amazonaws.com', action, resource: keyArn, resourceAccount: account, context: { 'aws:SourceArn': sub.topic_arn } })).toBe('Allowed');
      }
    }
  });
});
