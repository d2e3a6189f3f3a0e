/**
 * The policies of the notification function: its role's trust and permissions, and its log key.
 * Every ARN is built from config (account, region, names), so `terraform plan` shows them exactly
 * and the tests evaluate them with an IAM policy simulator.
 */
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../common/policy';
import type { TopicKey } from './props';

export interface FunctionScope {
  readonly accountId: string;
  readonly region: string;
}

export const logGroupArn = (s: FunctionScope, logGroupName: string) => `arn:aws:logs:${s.region}:${s.accountId}:log-group:${logGroupName}`;
export const queueArn = (s: FunctionScope, queueName: string) => `arn:aws:sqs:${s.region}:${s.accountId}:${queueName}`;

/** A role trust policy: IAM rejects a `Resource` element in it. */
export interface TrustPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: Omit<PolicyStatement, 'Resource'>[];
}

/** Lambda may assume the role (Lambda Developer Guide, "Lambda execution role"). */
export function functionTrustPolicy(): TrustPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'LambdaRunsTheFunction', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

export interface FunctionPolicyInput extends FunctionScope {
  /** The function's own log group (`/aws/lambda/<function>`). */
  readonly functionLogGroupName: string;
  /** Every topic the function routes to. */
  readonly topicArns: readonly string[];
  readonly topicKey?: TopicKey;
  /** The on-failure destination queue. */
  readonly failureQueueName: string;
}

/**
 * What the function may do, and nothing else: write its own log streams; publish to the routed topics;
 * use the topics' key only through SNS (kms:ViaService), which encrypts each message with the
 * publisher's permissions (SNS Developer Guide, "Encryption at rest", publishers of encrypted topics
 * need kms:GenerateDataKey* and kms:Decrypt); send failed invocations to its queue (Lambda Developer
 * Guide, "Asynchronous invocation" destinations: the execution role needs sqs:SendMessage).
 */
export function functionPolicy(input: FunctionPolicyInput): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'WriteOwnLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroupArn(input, input.functionLogGroupName)}:log-stream:*`,
    },
    { Sid: 'PublishToRoutedTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: [...new Set(input.topicArns)].sort() },
    { Sid: 'SendFailedInvocations', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn(input, input.failureQueueName) },
  ];
  if (input.topicKey) {
    const viaSns = { StringEquals: { 'kms:ViaService': `sns.${input.region}.amazonaws.com` } };
    statements.push(
      'keyArn' in input.topicKey
        ? { Sid: 'UseTopicKeyThroughSns', Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: input.topicKey.keyArn, Condition: viaSns }
        : {
            // The key is created in the same apply, so its ARN is unknown at plan time: the grant names
            // its alias instead (KMS Developer Guide, "Use aliases to control access to KMS keys",
            // kms:ResourceAliases), which keeps this policy fully known in the plan.
            Sid: 'UseTopicKeyThroughSns',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: `arn:aws:kms:${input.region}:${input.accountId}:key/*`,
            Condition: { ...viaSns, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': input.topicKey.aliasName } },
          },
    );
  }
  return policyDocument(statements);
}

/**
 * Policy of the key encrypting the function's log group: the account administers it through IAM;
 * CloudWatch Logs may use it for that log group only (CloudWatch Logs User Guide, "Encrypt log data
 * in CloudWatch Logs using AWS KMS", step 2: key policy with the kms:EncryptionContext:aws:logs:arn condition).
 */
export function functionLogKeyPolicy(s: FunctionScope, functionLogGroupName: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'OwnerAccountAdministersTheKeyThroughIam',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${s.accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'CloudWatchLogsForTheFunctionLogGroup',
      Effect: 'Allow',
      Principal: { Service: `logs.${s.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(s, functionLogGroupName) } },
    },
  ]);
}

/** Policy of the failed-invocations queue: nothing over plain HTTP (the function's role grants the sending). */
export function failureQueuePolicy(s: FunctionScope, queueName: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'DenyWithoutTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: queueArn(s, queueName),
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);
}
