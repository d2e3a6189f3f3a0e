/**
 * The EventNotifications props, their defaults and their validation (no cdktf here, so the config
 * checks in config/modules/event-notifications run the very same checks without the provider classes).
 */
import type { ITerraformDependable } from 'cdktf';
import { ACCOUNT_ID, isAwsRegion } from '../common/aws-values';
import type { Problem } from '../common/errors';
import { isSeverity, SEVERITIES, type Severity } from '../common/severity';
import type { Detection } from '../detections/detection';
import { MESSAGE_FORMATS, type NotificationTopic } from './handler/config';
import { subscriptionPatterns } from './subscription-patterns';
import { LOG_RETENTION_DAYS } from '../common/cloudwatch-limits';

export type { MessageFormat, NotificationTopic } from './handler/config';

/** The detections that notify per event when config names none. */
export const DEFAULT_PER_EVENT_DETECTIONS = ['iam-console-mfa-failure', 'identity-center-mfa-failure', 'root-usage', 'cloudtrail-changes'];

/** Subject-line labels of the built-in detections; any other detection's subject uses its title. */
export const SUBJECT_LABELS: Readonly<Record<string, string>> = {
  'iam-console-mfa-failure': 'MFA failed',
  'identity-center-mfa-failure': 'MFA failed',
  'console-sign-in-failures': 'Console sign-in failed',
  'root-usage': 'Root used',
  'console-sign-in-without-mfa': 'Sign-in without MFA',
  'cloudtrail-changes': 'CloudTrail changed',
  'kms-key-disable-or-deletion': 'KMS key disabled/deleted',
  'config-changes': 'AWS Config changed',
  'organizations-changes': 'Organizations changed',
};

/** Defaults of EventNotificationsProps (flood threshold, concurrency, retention, failure severity). */
export const EVENT_NOTIFICATIONS_DEFAULTS = {
  floodThreshold: 10,
  existingSubscriptionFilters: 0,
  reservedConcurrency: 5,
  logRetentionDays: 365,
  failureSeverity: 'high' as Severity,
};

/** The key the topics are encrypted with, so the function may use it to publish. */
export type TopicKey =
  /** A key ARN (`arn:aws:kms:<region>:<account>:key/<id>`): granted on that key. */
  | { readonly keyArn: string }
  /** An alias (`alias/<name>`) of a key created in the same apply: granted on keys of the account carrying that alias. */
  | { readonly aliasName: string };

/** Props of EventNotifications: the log group, the detections that notify per event and where their severities route. */
export interface EventNotificationsProps {
  /** Account that owns the log group, the function and the topics (the management account). Required. */
  readonly accountId: string;
  /** Region of the log group, the function and the topics (the home region). Required. */
  readonly region: string;
  /** Start of every name, `<namingPrefix>-<environment>` (config/naming.ts resourcePrefix); the function is `<namePrefix>-notify`. Required. */
  readonly namePrefix: string;
  /** Log group that receives the CloudTrail events (a plain name, not a token). Required. */
  readonly logGroupName: string;
  /** Detections that notify per event, as resolved for the environment (mode, exclusions, overrides). Required. */
  readonly detections: readonly Detection[];
  /** Topics per severity; every severity of the detections must reach at least one topic. Required. */
  readonly routing: Readonly<Partial<Record<Severity, readonly NotificationTopic[]>>>;
  /** Name shown in the messages. @default namePrefix */
  readonly environment?: string;
  /** Resource the subscription filters must wait for (the log group, when it is created in the same apply). @default none */
  readonly logGroupDependency?: ITerraformDependable;
  /** Resources behind the routed topic ARNs (the topics and their policies, when created in the same apply): the failure alarm waits for them. @default none */
  readonly topicDependencies?: readonly ITerraformDependable[];
  /** The topics' KMS key. @default none (unencrypted topics: no KMS permission is granted) */
  readonly topicKey?: TopicKey;
  /** Account ID to a readable name, shown beside the ID in every message. @default {} */
  readonly accounts?: Readonly<Record<string, string>>;
  /** More matches than this of one detection in one invocation become one summary message. @default 10 */
  readonly floodThreshold?: number;
  /** Subscription filters the log group already has, counted against CloudWatch's 2. @default 0 */
  readonly existingSubscriptionFilters?: number;
  /** Reserved concurrency of the function (how many batches at once, at most). @default 5 */
  readonly reservedConcurrency?: number;
  /** Retention of the function's own log group, in days. @default 365 */
  readonly logRetentionDays?: number;
  /** Severity of the alarm on the failed-invocations queue, which decides its topics. @default "high" */
  readonly failureSeverity?: Severity;
  /** Terraform refuses to destroy the function's log key (prevent_destroy). @default true */
  readonly preventDestroy?: boolean;
  /** Subject labels by detection id. @default SUBJECT_LABELS (others: the detection title) */
  readonly subjectLabels?: Readonly<Record<string, string>>;
}

export const functionName = (namePrefix: string) => `${namePrefix}-notify`;
export const failureQueueName = (namePrefix: string) => `${namePrefix}-notify-failed`;
export const functionLogGroupName = (namePrefix: string) => `/aws/lambda/${functionName(namePrefix)}`;

const SNS_TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}$/;
const KMS_KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]{1,64}$/;

/** Every problem with the props, not only the first; paths follow the props. */
export function eventNotificationsPropsProblems(props: EventNotificationsProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!ACCOUNT_ID.test(props.accountId ?? '')) add('accountId', `"${props.accountId}" must be a 12-digit AWS account ID`);
  if (!isAwsRegion(props.region ?? '')) add('region', `"${props.region}" must be an AWS region of the aws partition, e.g. us-east-1`);
  if (!/^[a-z0-9][a-z0-9-]{0,56}$/.test(props.namePrefix ?? '')) {
    add('namePrefix', `"${props.namePrefix}" must be 1-57 lower-case letters, digits and hyphens: the function "${functionName(props.namePrefix)}" may have at most 64 characters`);
  }
  if (!props.logGroupName || !/^[\w\-./#]{1,512}$/.test(props.logGroupName)) {
    add('logGroupName', `"${props.logGroupName}" must be 1-512 characters of letters, digits and _-./#`);
  }
  const d = EVENT_NOTIFICATIONS_DEFAULTS;
  const flood = props.floodThreshold ?? d.floodThreshold;
  if (!(Number.isInteger(flood) && flood >= 1)) add('floodThreshold', `${flood} must be a whole number >= 1: more matches than this in one batch become one summary`);
  const existing = props.existingSubscriptionFilters ?? d.existingSubscriptionFilters;
  if (!(Number.isInteger(existing) && existing >= 0 && existing <= 1)) {
    add('existingSubscriptionFilters', `${existing} must be 0 or 1: CloudWatch Logs allows 2 subscription filters per log group and this module needs at least one`);
  }
  const concurrency = props.reservedConcurrency ?? d.reservedConcurrency;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 1000)) add('reservedConcurrency', `${concurrency} must be a whole number from 1 to 1000`);
  const retention = props.logRetentionDays ?? d.logRetentionDays;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) add('logRetentionDays', `${retention} must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  const failureSeverity = props.failureSeverity ?? d.failureSeverity;
  if (!isSeverity(failureSeverity)) add('failureSeverity', `"${failureSeverity}" must be one of ${SEVERITIES.join(', ')}`);
  for (const [account, name] of Object.entries(props.accounts ?? {})) {
    if (!ACCOUNT_ID.test(account)) add(`accounts.${account}`, `"${account}" must be a 12-digit AWS account ID (quoted in YAML)`);
    if (typeof name !== 'string' || !/^[\x20-\x7e]{1,50}$/.test(name)) add(`accounts.${account}`, `${JSON.stringify(name)} must be 1-50 printable ASCII characters (it goes into the SNS subject)`);
  }
  if (props.topicKey && 'keyArn' in props.topicKey && !KMS_KEY_ARN.test(props.topicKey.keyArn)) {
    add('topicKey.keyArn', `"${props.topicKey.keyArn}" must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key id> (give an alias as topicKey.aliasName)`);
  }
  if (props.topicKey && 'aliasName' in props.topicKey && !/^alias\/(?!aws\/)[A-Za-z0-9/_-]{1,250}$/.test(props.topicKey.aliasName)) {
    add('topicKey.aliasName', `"${props.topicKey.aliasName}" must be a customer-managed key alias: alias/<name>, not under alias/aws/`);
  }
  for (const [severity, topics] of Object.entries(props.routing ?? {})) {
    (topics ?? []).forEach((t, i) => {
      const m = SNS_TOPIC_ARN.exec(t.topicArn ?? '');
      if (!m) add(`routing.${severity}[${i}].topicArn`, `"${t.topicArn}" must be an SNS topic ARN: arn:aws:sns:<region>:<account>:<topic>`);
      else if (m[1] !== props.region || m[2] !== props.accountId) {
        add(`routing.${severity}[${i}].topicArn`, `"${t.topicArn}" must be a topic of account ${props.accountId} in ${props.region}, beside the function`);
      }
      if (t.format !== undefined && !(MESSAGE_FORMATS as readonly string[]).includes(t.format)) add(`routing.${severity}[${i}].format`, `"${t.format}" must be one of ${MESSAGE_FORMATS.join(', ')}`);
    });
  }
  const needed = new Set<Severity>([...(props.detections ?? []).map((x) => x.severity), failureSeverity]);
  for (const severity of needed) {
    if (!(props.routing?.[severity]?.length)) {
      add(`routing.${severity}`, `routes to no topic: notifications of severity ${severity} would reach nobody. Give at least one topic`);
    }
  }
  const seen = new Set<string>();
  for (const x of props.detections ?? []) {
    if (seen.has(x.id)) add(`detections[${x.id}]`, `"${x.id}" is listed twice: list each detection once`);
    seen.add(x.id);
  }
  problems.push(...subscriptionPatterns(props.detections ?? [], Number.isInteger(existing) ? existing : 0).problems);
  return problems;
}
