/**
 * The AlertTopics props, their defaults and their validation: no cdktf here, so config validation
 * (config/modules/alert-topics/config.ts) runs the very same checks without loading the provider classes.
 */
import { ACCOUNT_ID, isAwsRegion, ROLE_ARN } from '../common/aws-values';
import type { Problem } from '../common/errors';
import { isSeverity, SEVERITIES, type Severity } from '../common/severity';
import {
  endpointProblem,
  kmsKeyArnProblem,
  PUBLISHERS,
  routeNameProblem,
  topicNameProblem,
  type Protocol,
  type Publisher,
} from './rules';

/** One subscriber of a topic. */
export interface SubscriptionSpec {
  /** `email`, `https`, `sqs`, `lambda` or `sms`. Required. */
  readonly protocol: Protocol;
  /** Address, https URL, queue ARN, function ARN (home region) or E.164 phone number. Required. */
  readonly endpoint: string;
}

/** One SNS topic (route) and who receives its notifications. */
export interface TopicSpec {
  /** Route name; the topic is `<namePrefix>-<name>`. Required. */
  readonly name: string;
  /** Also notify when an alarm returns to OK (people want to know it cleared). @default true */
  readonly notifyOk?: boolean;
  /** Also notify on INSUFFICIENT_DATA. @default false */
  readonly notifyInsufficientData?: boolean;
  /** Who receives the topic's notifications. @default [] (none: subscribe later, e.g. AWS Chatbot) */
  readonly subscriptions?: SubscriptionSpec[];
  /** Extra AWS services allowed to publish (each limited to this account's sources). @default [] */
  readonly publishers?: Publisher[];
}

/** Props of AlertTopics. Invalid props throw one ValidationError listing every problem (alertTopicsPropsProblems). */
export interface AlertTopicsProps {
  /** Account that owns the topics and the alarms (the management account). Required. */
  readonly accountId: string;
  /** Region of the topics and the alarms (the home region). Required. */
  readonly region: string;
  /** Start of every name, `<namingPrefix>-<environment>` (config/naming.ts resourcePrefix). Required. */
  readonly namePrefix: string;
  /** The topics. @default [{ name: 'security' }] (DEFAULT_TOPICS) */
  readonly topics?: TopicSpec[];
  /** Route names per severity; every severity must be listed and reach at least one topic. @default every severity to "security" (DEFAULT_ROUTING) */
  readonly routing?: Partial<Record<Severity, string[]>>;
  /** A customer-managed key to use instead of creating one (its policy must allow what keyPolicy() allows). @default a new key */
  readonly kmsKeyArn?: string;
  /** Terraform refuses to destroy the created key (lifecycle prevent_destroy). @default true */
  readonly preventDestroy?: boolean;
  /** Waiting period before a deleted key is gone, 7-30 days. @default 30 */
  readonly keyDeletionWindowDays?: number;
  /**
   * Role ARNs of this account that administer the created key without using it, instead of the account
   * root with kms:* (modules/common/key-administration.ts). Must include the role Terraform deploys with:
   * KMS rejects a key policy that would lock its caller out.
   * @default [] (the account root administers the key, through IAM policies)
   */
  readonly keyAdministrators?: readonly string[];
  /**
   * Severity of the alarm on the dead-letter queue (a notification an https/sqs/lambda subscriber failed to
   * receive is waiting there); it is routed like any other alarm of that severity.
   * @default "high" (DEFAULT_DEAD_LETTER_ALARM_SEVERITY)
   */
  readonly deadLetterQueueAlarmSeverity?: Severity;
}

/** Severity of the dead-letter queue alarm when not configured. */
export const DEFAULT_DEAD_LETTER_ALARM_SEVERITY: Severity = 'high';

/** The topics when none are given: one topic, `security`, with no subscribers. */
export const DEFAULT_TOPICS: TopicSpec[] = [{ name: 'security' }];
/** The routing when none is given: every severity to the `security` topic. */
export const DEFAULT_ROUTING: Record<Severity, string[]> = Object.fromEntries(SEVERITIES.map((s) => [s, ['security']])) as Record<Severity, string[]>;

/** Name of the dead-letter queue for undeliverable https/sqs/lambda notifications. */
export const deadLetterQueueName = (namePrefix: string) => `${namePrefix}-alerts-dlq`;

/** Every problem with the props, not only the first; paths follow the props (and the config section). */
export function alertTopicsPropsProblems(props: AlertTopicsProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!ACCOUNT_ID.test(props.accountId ?? '')) add('accountId', `"${props.accountId}" must be a 12-digit AWS account ID`);
  if (!isAwsRegion(props.region ?? '')) add('region', `"${props.region}" must be an AWS region of the aws partition, e.g. us-east-1`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/.test(props.namePrefix ?? '')) {
    add('namePrefix', `"${props.namePrefix}" must be 1-255 letters, digits, hyphens and underscores, starting with a letter or digit (resourcePrefix(env))`);
  }
  const topics = props.topics ?? DEFAULT_TOPICS;
  if (topics.length === 0) add('topics', 'must name at least one topic: alarms need somewhere to send notifications');
  const seen = new Map<string, number>();
  topics.forEach((t, i) => {
    const at = `topics[${i}]`;
    const nameProblem = routeNameProblem(t.name ?? '');
    if (nameProblem) add(`${at}.name`, nameProblem);
    else {
      const full = topicNameProblem(`${props.namePrefix}-${t.name}`);
      if (full) add(`${at}.name`, full);
      const first = seen.get(t.name);
      if (first !== undefined) add(`${at}.name`, `"${t.name}" is already the name of topics[${first}]: every topic needs its own name`);
      else seen.set(t.name, i);
    }
    const endpoints = new Map<string, number>();
    (t.subscriptions ?? []).forEach((s, j) => {
      const problem = endpointProblem(s.protocol, s.endpoint ?? '', props.region);
      if (problem) add(`${at}.subscriptions[${j}].${/^protocol/.test(problem) ? 'protocol' : 'endpoint'}`, problem);
      const key = `${s.protocol}:${s.endpoint}`;
      const firstSub = endpoints.get(key);
      if (firstSub !== undefined) add(`${at}.subscriptions[${j}]`, `repeats subscriptions[${firstSub}] (${s.protocol} ${s.endpoint}): each subscriber once per topic`);
      else endpoints.set(key, j);
    });
    (t.publishers ?? []).forEach((p, j) => {
      if (!(PUBLISHERS as readonly string[]).includes(p)) add(`${at}.publishers[${j}]`, `"${p}" must be one of ${PUBLISHERS.join(', ')}`);
    });
  });
  const routing: Partial<Record<string, string[]>> = props.routing ?? DEFAULT_ROUTING;
  for (const key of Object.keys(routing)) {
    if (!isSeverity(key)) add(`routing.${key}`, `"${key}" is not a severity: must be one of ${SEVERITIES.join(', ')}`);
  }
  const defined = topics.map((t) => t.name);
  for (const severity of SEVERITIES) {
    const routes = routing[severity] ?? [];
    if (routes.length === 0) {
      add(`routing.${severity}`, `routes to no topic: alarms of severity ${severity} would notify nobody. List at least one of the topics (${defined.join(', ')})`);
    }
    const once = new Set<string>();
    routes.forEach((r, i) => {
      if (!defined.includes(r)) {
        add(`routing.${severity}[${i}]`, `"${r}" is not a topic: define it under topics or use one of ${defined.join(', ') || '(none defined)'}`);
      }
      if (once.has(r)) add(`routing.${severity}[${i}]`, `"${r}" is listed twice for ${severity}: list each topic once`);
      once.add(r);
    });
  }
  if (props.kmsKeyArn !== undefined) {
    const problem = kmsKeyArnProblem(props.kmsKeyArn, props.region);
    if (problem) add('kmsKeyArn', problem);
  }
  (props.keyAdministrators ?? []).forEach((arn, i) => {
    const account = ROLE_ARN.exec(arn)?.[1];
    if (!account) add(`keyAdministrators[${i}]`, `"${arn}" must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>`);
    else if (account !== props.accountId) add(`keyAdministrators[${i}]`, `"${arn}" must be a role of the account that owns the key, ${props.accountId}`);
  });
  if (props.kmsKeyArn !== undefined && (props.keyAdministrators ?? []).length > 0) {
    add('keyAdministrators', 'has no effect with kmsKeyArn: trailwatch does not write the policy of a key it did not create; remove one of the two');
  }
  const dlqSeverity = props.deadLetterQueueAlarmSeverity ?? DEFAULT_DEAD_LETTER_ALARM_SEVERITY;
  if (!isSeverity(dlqSeverity)) add('deadLetterQueueAlarmSeverity', `"${dlqSeverity}" must be one of ${SEVERITIES.join(', ')}`);
  const window = props.keyDeletionWindowDays ?? 30;
  if (!(Number.isInteger(window) && window >= 7 && window <= 30)) add('keyDeletionWindowDays', `${window} must be a whole number of days from 7 to 30`);
  return problems;
}
