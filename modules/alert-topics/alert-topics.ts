/**
 * SNS topics that CloudWatch alarms can really publish to, and the routing of severities to them.
 *
 * The trap this construct exists to close: a topic encrypted with `alias/aws/sns`, or with a key whose
 * policy does not let `cloudwatch.amazonaws.com` use it, looks fine in the console while every alarm
 * notification is dropped. Here the topics live next to the alarms (management account, home region),
 * use a customer-managed key whose policy lets this account's alarms encrypt, and their topic policy
 * lets exactly those alarms publish. A severity that routes to no topic is an error, never a drop.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { AlarmActions, AlarmRouting } from '../common/alarm-routing';
import { ValidationError } from '../common/errors';
import { policyJson } from '../common/policy';
import { isSeverity, type Severity } from '../common/severity';
import { deadLetterQueuePolicy, keyPolicy, queueArn, topicArn, topicPolicy } from './policies';
import {
  alertTopicsPropsProblems,
  deadLetterQueueName,
  DEFAULT_DEAD_LETTER_ALARM_SEVERITY,
  DEFAULT_ROUTING,
  DEFAULT_TOPICS,
  type AlertTopicsProps,
  type SubscriptionSpec,
  type TopicSpec,
} from './props';
import { lambdaAccount, REDRIVE_PROTOCOLS } from './rules';
import { queueNotEmptyMetric } from '../common/queue-alarm';

export { alertTopicsPropsProblems, deadLetterQueueName, DEFAULT_DEAD_LETTER_ALARM_SEVERITY, DEFAULT_ROUTING, DEFAULT_TOPICS };
export type { AlertTopicsProps, SubscriptionSpec, TopicSpec };

/** Encrypted SNS topics (one per route) that alarms notify, their subscriptions and dead-letter queue, and the routing of each severity to topics (AlarmRouting). */
export class AlertTopics extends Construct implements AlarmRouting {
  /** The key the topics use (created, or the one given). */
  public readonly kmsKeyArn: string;
  public readonly key?: KmsKey;
  /** Topic resources by route name. */
  public readonly topics: Record<string, SnsTopic> = {};
  /** Topic ARNs by route name, plain config-derived strings (known at plan time). */
  public readonly topicArns: Record<string, string> = {};
  public readonly deadLetterQueue?: SqsQueue;
  /** Fires while the dead-letter queue holds a notification; undefined when there is no queue. */
  public readonly deadLetterQueueAlarm?: CloudwatchMetricAlarm;
  private readonly specs: Map<string, TopicSpec>;
  private readonly routing: Partial<Record<string, string[]>>;

  constructor(scope: Construct, id: string, private readonly props: AlertTopicsProps) {
    super(scope, id);
    const problems = alertTopicsPropsProblems(props);
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    const topics = props.topics ?? DEFAULT_TOPICS;
    this.specs = new Map(topics.map((t) => [t.name, t]));
    this.routing = props.routing ?? DEFAULT_ROUTING;
    const names = topics.map((t) => `${props.namePrefix}-${t.name}`);
    const needsQueue = topics.some((t) => (t.subscriptions ?? []).some((s) => REDRIVE_PROTOCOLS.includes(s.protocol)));

    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      // Stateful: the id `key` is part of the Terraform address and must never change.
      this.key = new KmsKey(this, 'key', {
        description: `trailwatch ${props.namePrefix}: encrypts the alert topics and their dead-letter queue`,
        enableKeyRotation: true,
        deletionWindowInDays: props.keyDeletionWindowDays ?? 30,
        policy: policyJson(
          keyPolicy({
            ...props,
            topicNames: needsQueue ? names : [],
            publishers: topics.flatMap((t) => t.publishers ?? []),
          }),
        ),
        lifecycle: { preventDestroy: props.preventDestroy ?? true },
        tags: { 'trailwatch:purpose': 'alert-topics' },
      });
      new KmsAlias(this, 'key-alias', { name: `alias/${props.namePrefix}-alerts`, targetKeyId: this.key.keyId });
      this.kmsKeyArn = this.key.arn;
    }

    const dlqName = deadLetterQueueName(props.namePrefix);
    if (needsQueue) {
      this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
        name: dlqName,
        kmsMasterKeyId: this.kmsKeyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        // The longest SQS allows: two weeks to fix an endpoint and replay what it missed.
        messageRetentionSeconds: 1_209_600,
        policy: policyJson(deadLetterQueuePolicy(props, dlqName, names)),
        tags: { 'trailwatch:purpose': 'alert-dead-letters' },
      });
    }

    for (const spec of topics) {
      const name = `${props.namePrefix}-${spec.name}`;
      const arn = topicArn(props, name);
      this.topicArns[spec.name] = arn;
      this.topics[spec.name] = new SnsTopic(this, `topic-${spec.name}`, {
        name,
        displayName: `trailwatch ${props.namePrefix} ${spec.name}`.slice(0, 100),
        kmsMasterKeyId: this.kmsKeyArn,
        signatureVersion: 2,
        policy: policyJson(topicPolicy(props, name, spec.publishers ?? [])),
        tags: { 'trailwatch:route': spec.name },
      });
      for (const sub of spec.subscriptions ?? []) this.subscribe(spec.name, sub, arn, dlqName);
    }
    if (this.deadLetterQueue) this.deadLetterQueueAlarm = this.watchDeadLetterQueue(this.deadLetterQueue, dlqName);

    // Output names are stable (`<construct id>_topic_arns`), so integrations can read them by name.
    const outputPrefix = id.replace(/[^A-Za-z0-9_]/g, '_');
    new TerraformOutput(this, 'topic-arns', {
      value: this.topicArns,
      description: 'Alert topic ARNs by route name, for AWS Chatbot or other integrations.',
    }).overrideLogicalId(`${outputPrefix}_topic_arns`);
    if (needsQueue) {
      new TerraformOutput(this, 'dead-letter-queue-arn', {
        value: queueArn(props, dlqName),
        description: 'Queue holding notifications that https/sqs/lambda subscribers failed to receive (14 days).',
      }).overrideLogicalId(`${outputPrefix}_dead_letter_queue_arn`);
    }
  }

  /** Alarm actions for a severity; throws a ValidationError when it routes to no topic. */
  actionsFor(severity: Severity): AlarmActions {
    const routed = [...new Set(this.routing[severity] ?? [])].filter((n) => this.specs.has(n));
    if (!isSeverity(severity) || routed.length === 0) {
      throw new ValidationError(this.node.path, [
        {
          path: `routing.${String(severity)}`,
          message: `"${String(severity)}" routes to no topic: an alarm of this severity would notify nobody. Route it to one of ${[...this.specs.keys()].join(', ')}`,
        },
      ]);
    }
    const arns = (pick: (t: TopicSpec) => boolean) => routed.filter((n) => pick(this.specs.get(n)!)).map((n) => this.topicArns[n]);
    return {
      alarmActions: arns(() => true),
      okActions: arns((t) => t.notifyOk ?? true),
      insufficientDataActions: arns((t) => t.notifyInsufficientData ?? false),
      dependsOn: routed.map((n) => this.topics[n]),
    };
  }

  /**
   * A notification that SNS could not deliver to an https/sqs/lambda subscriber waits in the dead-letter
   * queue for 14 days; without an alarm nobody looks (queueNotEmptyMetric says which metric and why).
   */
  private watchDeadLetterQueue(queue: SqsQueue, queueName: string): CloudwatchMetricAlarm {
    const severity = this.props.deadLetterQueueAlarmSeverity ?? DEFAULT_DEAD_LETTER_ALARM_SEVERITY;
    const actions = this.actionsFor(severity);
    return new CloudwatchMetricAlarm(this, 'dead-letter-queue-alarm', {
      alarmName: `${queueName}-not-empty`,
      alarmDescription:
        `[${severity}] An alert notification could not be delivered to an https, sqs or lambda subscriber and waits in the SQS queue ${queueName} ` +
        `(account ${this.props.accountId}, ${this.props.region}) for up to 14 days: the alarm it carried reached nobody there. Read it (aws sqs receive-message), ` +
        'find the failing subscriber (aws sns list-subscriptions-by-topic: its https, sqs or lambda endpoint), fix it, then redrive or delete the messages.',
      ...queueNotEmptyMetric(queueName),
      actionsEnabled: true,
      alarmActions: actions.alarmActions,
      okActions: actions.okActions,
      insufficientDataActions: actions.insufficientDataActions,
      tags: { 'trailwatch:purpose': 'alert-dead-letters', 'trailwatch:severity': severity },
      dependsOn: [queue, ...(actions.dependsOn ?? [])],
    });
  }

  private subscribe(route: string, sub: SubscriptionSpec, topic: string, dlqName: string): void {
    // The id comes from the endpoint, not the list position: reordering subscriptions replaces none
    // (a replaced email subscription would need confirming again).
    const hash = createHash('sha256').update(`${sub.protocol}:${sub.endpoint}`).digest('hex').slice(0, 12);
    const id = `subscription-${route}-${sub.protocol}-${hash}`;
    const redrive = REDRIVE_PROTOCOLS.includes(sub.protocol);
    new SnsTopicSubscription(this, id, {
      topicArn: topic,
      protocol: sub.protocol,
      endpoint: sub.endpoint,
      ...(redrive ? { redrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(this.props, dlqName) }) } : {}),
      // ARNs are plain strings (known at plan time), so the order is explicit.
      dependsOn: [this.topics[route], ...(redrive ? [this.deadLetterQueue!] : [])],
    });
    // SNS may invoke a function only with the function's permission; it can be granted here only for
    // functions of this account (another account's function owner grants it there).
    if (sub.protocol === 'lambda' && lambdaAccount(sub.endpoint) === this.props.accountId) {
      new LambdaPermission(this, `invoke-${route}-${hash}`, {
        statementId: `trailwatch-${route}-${hash}`,
        action: 'lambda:InvokeFunction',
        functionName: sub.endpoint,
        principal: 'sns.amazonaws.com',
        sourceArn: topic,
        sourceAccount: this.props.accountId,
        // The ARN is a literal: the topic must exist before the function's policy names it.
        dependsOn: [this.topics[route]],
      });
    }
  }
}
