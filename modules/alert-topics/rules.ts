/**
 * What AWS accepts for alert topics and their subscriptions, shared by the `alerting` config section
 * and the AlertTopics construct's props check, so the two can never disagree. Each check returns the
 * message for a bad value (saying what is allowed), or undefined when the value is fine.
 */
import { isAwsRegion } from '../common/aws-values';

/** Subscription protocols trailwatch offers (plain `http` is never offered: alarm contents would travel unencrypted). */
export const PROTOCOLS = ['email', 'https', 'sqs', 'lambda', 'sms'] as const;
/** A subscription protocol: one of PROTOCOLS. */
export type Protocol = (typeof PROTOCOLS)[number];

/** Protocols SNS retries and then dead-letters: they get a redrive policy to the alerts dead-letter queue. */
export const REDRIVE_PROTOCOLS: readonly Protocol[] = ['https', 'sqs', 'lambda'];

/** Extra AWS services that may publish to a topic, besides CloudWatch alarms of the account. */
export const PUBLISHERS = ['eventbridge', 'budgets'] as const;
/** An extra AWS service allowed to publish to a topic: one of PUBLISHERS. */
export type Publisher = (typeof PUBLISHERS)[number];

/** The route part of a topic name (the full name is `<namingPrefix>-<environment>-<route>`). */
export const ROUTE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** SNS topic names: 1-256 letters, digits, hyphens and underscores (standard topics, not FIFO). */
export const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const SQS_ARN = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
/** Lambda function ARN, optionally qualified with a version or alias; groups: region, account. */
export const LAMBDA_ARN = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
/** A customer-managed KMS key ARN (key id, multi-Region key, or an alias that is not `alias/aws/...`). */
const KMS_KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|alias\/[A-Za-z0-9/_-]{1,250})$/;

export function routeNameProblem(name: string): string | undefined {
  if (ROUTE_NAME.test(name)) return undefined;
  return `"${name}" must be 1-64 letters, digits, hyphens and underscores (it becomes part of the SNS topic name <namingPrefix>-<environment>-<name>)`;
}

export function topicNameProblem(fullName: string): string | undefined {
  if (TOPIC_NAME.test(fullName)) return undefined;
  return `makes the SNS topic name "${fullName}" (${fullName.length} characters), which AWS rejects: topic names are 1-256 letters, digits, hyphens and underscores`;
}

/**
 * The endpoint's problem for the protocol. `region` is the home region (a Lambda function must be in
 * it); without it only the endpoint's form is checked.
 */
export function endpointProblem(protocol: string, endpoint: string, region?: string): string | undefined {
  switch (protocol) {
    case 'email':
      return EMAIL.test(endpoint) && endpoint.length <= 254 ? undefined : `"${endpoint}" must be an email address (name@example.com)`;
    case 'https': {
      if (/^http:\/\//i.test(endpoint)) {
        return `"${endpoint}" uses plain http: alarm notifications would travel unencrypted; use an https:// URL`;
      }
      let url: URL | undefined;
      try {
        url = new URL(endpoint);
      } catch {
        url = undefined;
      }
      return url && url.protocol === 'https:' && /^https:\/\//i.test(endpoint) && url.hostname
        ? undefined
        : `"${endpoint}" must be an https:// URL (e.g. https://events.pagerduty.com/integration/<key>/enqueue)`;
    }
    case 'sqs':
      return SQS_ARN.test(endpoint) && isAwsRegion(SQS_ARN.exec(endpoint)![1])
        ? undefined
        : `"${endpoint}" must be an SQS queue ARN: arn:aws:sqs:<region>:<12-digit account>:<queue name>`;
    case 'lambda': {
      const m = LAMBDA_ARN.exec(endpoint);
      if (!m) return `"${endpoint}" must be a Lambda function ARN: arn:aws:lambda:<region>:<12-digit account>:function:<name>[:<alias or version>]`;
      if (region !== undefined && m[1] !== region) {
        return `"${endpoint}" is in ${m[1]}, but the topics are in the home region ${region}: SNS invokes Lambda functions in the topic's region only; use a function in ${region}`;
      }
      return undefined;
    }
    case 'sms':
      return E164.test(endpoint) ? undefined : `"${endpoint}" must be a phone number in E.164 form: + then country code and number, digits only (e.g. +14155550100)`;
    default:
      return `protocol "${protocol}" must be one of ${PROTOCOLS.join(', ')} (plain http is not offered: notifications would travel unencrypted)`;
  }
}

/**
 * Problem with a key the topics should use instead of their own. AWS-managed keys (`alias/aws/sns`,
 * any `alias/aws/...`) have a key policy nobody can change, which does not let CloudWatch use the key:
 * alarms would go to ALARM and the publish would fail silently.
 */
export function kmsKeyArnProblem(arn: string, region: string): string | undefined {
  if (/(^|:)alias\/aws\//.test(arn)) {
    return `"${arn}" is an AWS-managed key: its key policy cannot be changed and does not let cloudwatch.amazonaws.com use it, so alarms could never publish (notifications silently dropped). Leave it out to let trailwatch create a customer-managed key, or give a customer-managed key ARN`;
  }
  const m = KMS_KEY_ARN.exec(arn);
  if (!m) return `"${arn}" must be a customer-managed KMS key ARN: arn:aws:kms:<region>:<account>:key/<key id> (or an alias ARN not under alias/aws/)`;
  if (m[1] !== region) return `"${arn}" is in ${m[1]}: SNS topics need a key in their own region ${region}`;
  return undefined;
}

/** Account of a Lambda function ARN (for the invoke permission, created only in the topics' account). */
export function lambdaAccount(arn: string): string | undefined {
  return LAMBDA_ARN.exec(arn)?.[2];
}
