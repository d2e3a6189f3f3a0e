/**
 * Per-event notifications: a CloudWatch Logs subscription filter on the trail's log group delivers
 * the events some chosen detection can match to a small Lambda function, which publishes one readable
 * message per match (who, which account, from where, what to do, where to look) to the alert topics of
 * the detection's severity. The alarms stay: they count, and they are what the CIS controls check;
 * these messages say who and where. Usable on its own with any log group of CloudTrail events.
 *
 * Failed asynchronous invocations (CloudWatch Logs invokes the function asynchronously; Lambda
 * retries twice) go to an encrypted queue that is alarmed, so a notification is never lost silently.
 */
import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ValidationError } from '../common/errors';
import { policyJson } from '../common/policy';
import type { Severity } from '../common/severity';
import { HANDLER_NAME, packageArchive } from './bundle';
import type { NotifierConfig } from './handler/config';
import {
  EVENT_NOTIFICATIONS_DEFAULTS,
  eventNotificationsPropsProblems,
  failureQueueName,
  functionLogGroupName,
  functionName,
  SUBJECT_LABELS,
  type EventNotificationsProps,
} from './props';
import { failureQueuePolicy, functionLogKeyPolicy, functionPolicy, functionTrustPolicy, logGroupArn, queueArn } from './policies';
import { subscriptionPatterns } from './subscription-patterns';
import { queueNotEmptyMetric } from '../common/queue-alarm';

export { DEFAULT_PER_EVENT_DETECTIONS, EVENT_NOTIFICATIONS_DEFAULTS, eventNotificationsPropsProblems, SUBJECT_LABELS } from './props';
export type { EventNotificationsProps, MessageFormat, NotificationTopic, TopicKey } from './props';

/** Lambda runtime of the function (the bundle targets the same Node.js version). */
export const RUNTIME = 'nodejs22.x';

/** A subscription filter on the trail's log group and a Lambda function that publishes one readable notification per matching CloudTrail event. */
export class EventNotifications extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly subscriptionFilters: CloudwatchLogSubscriptionFilter[] = [];
  public readonly failureQueue: SqsQueue;
  public readonly failureAlarm: CloudwatchMetricAlarm;
  public readonly functionLogGroup: CloudwatchLogGroup;
  /** Base64 SHA-256 of the package zip (code and config): the function's `source_code_hash`. */
  public readonly sourceCodeHash: string;
  /** What the function was configured with (written into its package as config.json). */
  public readonly notifierConfig: NotifierConfig;

  constructor(scope: Construct, id: string, props: EventNotificationsProps) {
    super(scope, id);
    const problems = eventNotificationsPropsProblems(props);
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    const d = EVENT_NOTIFICATIONS_DEFAULTS;
    const scopeIds = { accountId: props.accountId, region: props.region };
    const name = functionName(props.namePrefix);
    const logGroupName = functionLogGroupName(props.namePrefix);
    const queueName = failureQueueName(props.namePrefix);
    const preventDestroy = props.preventDestroy ?? true;
    const labels = props.subjectLabels ?? SUBJECT_LABELS;
    const severities = [...new Set(props.detections.map((x) => x.severity))];
    const routes = Object.fromEntries(severities.map((s) => [s, (props.routing[s] ?? []).map((t) => ({ topicArn: t.topicArn, format: t.format ?? 'text' }))]));

    this.notifierConfig = {
      environment: props.environment ?? props.namePrefix,
      region: props.region,
      logGroupName: props.logGroupName,
      floodThreshold: props.floodThreshold ?? d.floodThreshold,
      accounts: props.accounts ?? {},
      detections: props.detections.map((x) => ({
        id: x.id,
        title: x.title,
        description: x.description,
        severity: x.severity,
        pattern: x.pattern,
        label: labels[x.id] ?? x.title,
      })),
      routes,
    };

    // Stateful: the id `log-key` is part of the Terraform address and must never change.
    const key = new KmsKey(this, 'log-key', {
      description: `trailwatch ${props.namePrefix}: encrypts the log group of the per-event notification function`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(functionLogKeyPolicy(scopeIds, logGroupName)),
      lifecycle: { preventDestroy },
      tags: { 'trailwatch:purpose': 'event-notifications-logs' },
    });
    new KmsAlias(this, 'log-key-alias', { name: `alias/${props.namePrefix}-notify-logs`, targetKeyId: key.keyId });
    // Lambda writes to /aws/lambda/<function> by default: created here first, with retention and its key.
    this.functionLogGroup = new CloudwatchLogGroup(this, 'function-log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? d.logRetentionDays,
      kmsKeyId: key.arn,
    });

    this.failureQueue = new SqsQueue(this, 'failure-queue', {
      name: queueName,
      // SQS-managed encryption: the function's role needs no key permission to send its failures.
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1_209_600,
      policy: policyJson(failureQueuePolicy(scopeIds, queueName)),
      tags: { 'trailwatch:purpose': 'event-notifications-failures' },
    });

    const topicArns = severities.flatMap((s) => routes[s].map((t) => t.topicArn));
    this.role = new IamRole(this, 'role', {
      name,
      description: `trailwatch ${props.namePrefix}: per-event notifications from ${props.logGroupName}`,
      assumeRolePolicy: JSON.stringify(functionTrustPolicy()),
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 'publish-event-notifications',
      role: this.role.name,
      policy: policyJson(
        functionPolicy({ ...scopeIds, functionLogGroupName: logGroupName, topicArns, failureQueueName: queueName, ...(props.topicKey ? { topicKey: props.topicKey } : {}) }),
      ),
    });

    const pkg = packageArchive(this.notifierConfig);
    this.sourceCodeHash = pkg.hash;
    const asset = new TerraformAsset(this, 'package', { path: pkg.file, type: AssetType.FILE, assetHash: pkg.assetHash });
    this.function = new LambdaFunction(this, 'function', {
      functionName: name,
      description: `trailwatch ${props.namePrefix}: one notification per matching CloudTrail event`,
      role: this.role.arn,
      runtime: RUNTIME,
      handler: HANDLER_NAME,
      filename: asset.path,
      // The zip's hash, known at synth: a second synth of the same source and config plans no change.
      sourceCodeHash: pkg.hash,
      architectures: ['arm64'],
      memorySize: 256,
      timeout: 60,
      reservedConcurrentExecutions: props.reservedConcurrency ?? d.reservedConcurrency,
      tags: { 'trailwatch:purpose': 'event-notifications' },
      dependsOn: [this.functionLogGroup, rolePolicy],
    });
    new LambdaFunctionEventInvokeConfig(this, 'async-invoke', {
      functionName: this.function.functionName,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21_600,
      destinationConfig: { onFailure: { destination: queueArn(scopeIds, queueName) } },
      dependsOn: [this.failureQueue, rolePolicy],
    });

    // CloudWatch Logs may invoke the function only for this log group of this account (CloudWatch Logs
    // User Guide, "Subscription filters with AWS Lambda": principal logs.amazonaws.com, source ARN
    // arn:aws:logs:<region>:<account>:log-group:<name>:*).
    const permission = new LambdaPermission(this, 'logs-invoke', {
      statementId: 'trailwatch-cloudwatch-logs',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'logs.amazonaws.com',
      sourceArn: `${logGroupArn(scopeIds, props.logGroupName)}:*`,
      sourceAccount: props.accountId,
      // The source ARN names the log group: when it is created in the same apply, wait for it.
      dependsOn: props.logGroupDependency ? [props.logGroupDependency] : undefined,
    });
    const { patterns } = subscriptionPatterns(props.detections, props.existingSubscriptionFilters ?? d.existingSubscriptionFilters);
    patterns.forEach((p, i) => {
      this.subscriptionFilters.push(
        new CloudwatchLogSubscriptionFilter(this, i === 0 ? 'subscription-filter' : `subscription-filter-${i + 1}`, {
          name: i === 0 ? name : `${name}-${i + 1}`,
          logGroupName: props.logGroupName,
          filterPattern: p.pattern,
          destinationArn: this.function.arn,
          // PutSubscriptionFilter checks that CloudWatch Logs may invoke the function.
          dependsOn: [permission, ...(props.logGroupDependency ? [props.logGroupDependency] : [])],
        }),
      );
    });

    const failureSeverity: Severity = props.failureSeverity ?? d.failureSeverity;
    const alarmTopics = (props.routing[failureSeverity] ?? []).map((t) => t.topicArn);
    this.failureAlarm = new CloudwatchMetricAlarm(this, 'failure-alarm', {
      alarmName: `${props.namePrefix}-notify-failed-not-empty`,
      alarmDescription:
        `[${failureSeverity}] Per-event notifications could not be delivered: invocations of ${name} failed after retries and are kept in the SQS queue ${queueName} (14 days). ` +
        `Read the function's log group ${logGroupName} for the error, fix it (topic policy, key, SNS limits), then read the queue messages: each holds the CloudWatch Logs batch that was not notified.`,
      ...queueNotEmptyMetric(queueName),
      actionsEnabled: true,
      alarmActions: alarmTopics,
      okActions: alarmTopics,
      tags: { 'trailwatch:purpose': 'event-notifications-failures', 'trailwatch:severity': failureSeverity },
      // Its actions name the topics: wait for them when they are created in the same apply.
      dependsOn: [this.failureQueue, ...(props.topicDependencies ?? [])],
    });
  }
}
