/**
 * The policies that decide whether an alarm notification is delivered: the topics' KMS key policy,
 * each topic's policy and the dead-letter queue's policy. Every ARN is built from config values
 * (account, region, names), so the exact policies are visible in `terraform plan` and testable by effect.
 */
import { keyAdministrationStatement } from '../common/key-administration';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../common/policy';
import type { Publisher } from './rules';

export interface PolicyScope {
  /** Account that owns the topics, the key and the alarms. */
  readonly accountId: string;
  /** Region of the topics, the key and the alarms. */
  readonly region: string;
}

export const topicArn = (s: PolicyScope, topicName: string) => `arn:aws:sns:${s.region}:${s.accountId}:${topicName}`;
export const queueArn = (s: PolicyScope, queueName: string) => `arn:aws:sqs:${s.region}:${s.accountId}:${queueName}`;
/** Every CloudWatch alarm of the account in the region: the only alarms that may publish. */
export const alarmArnPattern = (s: PolicyScope) => `arn:aws:cloudwatch:${s.region}:${s.accountId}:alarm:*`;

/** Each extra publisher's service principal and the source it must act for. */
export function publisherSource(s: PolicyScope, publisher: Publisher): { sid: string; service: string; sourceArn: string } {
  switch (publisher) {
    case 'eventbridge':
      return { sid: 'EventBridgeRulesOfThisAccount', service: 'events.amazonaws.com', sourceArn: `arn:aws:events:${s.region}:${s.accountId}:rule/*` };
    case 'budgets':
      return { sid: 'BudgetsOfThisAccount', service: 'budgets.amazonaws.com', sourceArn: `arn:aws:budgets::${s.accountId}:*` };
  }
}

const sourceCondition = (s: PolicyScope, sourceArn: string) => ({
  StringEquals: { 'aws:SourceAccount': s.accountId },
  ArnLike: { 'aws:SourceArn': sourceArn },
});

const KEY_USE = ['kms:Decrypt', 'kms:GenerateDataKey*'];

export interface KeyPolicyInput extends PolicyScope {
  /** Names of the topics encrypted with the key (SNS uses it for the dead-letter queue on their behalf). */
  readonly topicNames: string[];
  /** Extra publishers of any topic: they need the key to publish to an encrypted topic. */
  readonly publishers: Publisher[];
  /** Named key administrators instead of the account root (modules/common/key-administration.ts). @default [] (the root) */
  readonly keyAdministrators?: readonly string[];
}

/**
 * Key policy of the alerts key. CloudWatch needs kms:Decrypt and kms:GenerateDataKey* to publish to an
 * encrypted topic; without them the alarm changes state and the notification is dropped silently.
 */
export function keyPolicy(input: KeyPolicyInput): PolicyDocument {
  const statements: PolicyStatement[] = [
    keyAdministrationStatement(input.accountId, input.keyAdministrators ?? [], 'OwnerAccountAdministersTheKeyThroughIam'),
    {
      Sid: 'CloudWatchAlarmsOfThisAccountEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: KEY_USE,
      Resource: '*',
      Condition: sourceCondition(input, alarmArnPattern(input)),
    },
  ];
  if (input.topicNames.length > 0) {
    statements.push({
      Sid: 'SnsTopicsOfThisModuleUseTheDeadLetterQueue',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: KEY_USE,
      Resource: '*',
      // aws:SourceArn only (it names the account): the condition AWS CDK uses for SNS to encrypted SQS.
      Condition: { ArnEquals: { 'aws:SourceArn': input.topicNames.map((n) => topicArn(input, n)) } },
    });
  }
  // No source condition here, on purpose: the KMS requests EventBridge makes when delivering to an
  // encrypted topic do not carry aws:SourceAccount / aws:SourceArn, so a conditioned grant would drop
  // every notification silently. Who may publish is decided by the topic policy, which does carry
  // each publisher's own source condition; this grant alone lets nobody publish anything.
  for (const publisher of [...new Set(input.publishers)].sort()) {
    const p = publisherSource(input, publisher);
    statements.push({ Sid: `${p.sid}Encrypt`, Effect: 'Allow', Principal: { Service: p.service }, Action: KEY_USE, Resource: '*' });
  }
  return policyDocument(statements);
}

/** Policy of one topic: CloudWatch alarms of the account (and the configured extra publishers) may publish, only over TLS. */
export function topicPolicy(scope: PolicyScope, topicName: string, publishers: Publisher[]): PolicyDocument {
  const arn = topicArn(scope, topicName);
  const statements: PolicyStatement[] = [
    {
      Sid: 'OwnerAccountManagesTheTopic',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${scope.accountId}:root` },
      Action: [
        'sns:GetTopicAttributes',
        'sns:SetTopicAttributes',
        'sns:AddPermission',
        'sns:RemovePermission',
        'sns:DeleteTopic',
        'sns:Subscribe',
        'sns:ListSubscriptionsByTopic',
        'sns:Publish',
      ],
      Resource: arn,
    },
    {
      Sid: 'CloudWatchAlarmsOfThisAccountPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: arn,
      Condition: sourceCondition(scope, alarmArnPattern(scope)),
    },
  ];
  for (const publisher of [...new Set(publishers)].sort()) {
    const p = publisherSource(scope, publisher);
    statements.push({ Sid: `${p.sid}Publish`, Effect: 'Allow', Principal: { Service: p.service }, Action: 'sns:Publish', Resource: arn, Condition: sourceCondition(scope, p.sourceArn) });
  }
  statements.push({
    Sid: 'DenyPublishWithoutTls',
    Effect: 'Deny',
    Principal: '*',
    Action: 'sns:Publish',
    Resource: arn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  return policyDocument(statements);
}

/** Policy of the dead-letter queue: only this module's topics may send to it, only over TLS. */
export function deadLetterQueuePolicy(scope: PolicyScope, queueName: string, topicNames: string[]): PolicyDocument {
  const arn = queueArn(scope, queueName);
  return policyDocument([
    {
      Sid: 'AlertTopicsSendUndeliveredNotifications',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: arn,
      Condition: { ArnEquals: { 'aws:SourceArn': topicNames.map((n) => topicArn(scope, n)) } },
    },
    {
      Sid: 'DenyWithoutTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: arn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);
}
