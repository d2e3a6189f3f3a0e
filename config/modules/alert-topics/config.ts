/**
 * The `alerting` section of the environment config, owned by this module: the SNS topics (routes),
 * their subscribers and extra publishers, which severities go to which topics, and the topics' key.
 * Written by nobody, it still routes every severity somewhere: one `security` topic, no subscribers.
 */
import { z } from 'zod';
import type { Environment } from '../../environment-schema';
import { resourcePrefix } from '../../naming';
import type { Problem } from '../../../modules/common/errors';
import { SEVERITIES, type Severity } from '../../../modules/common/severity';
import { ROLE_ARN } from '../../../modules/common/aws-values';
import { alertTopicsPropsProblems, DEFAULT_DEAD_LETTER_ALARM_SEVERITY, DEFAULT_ROUTING, type AlertTopicsProps } from '../../../modules/alert-topics/props';
import { endpointProblem, PROTOCOLS, PUBLISHERS, routeNameProblem } from '../../../modules/alert-topics/rules';

const subscription = z
  .strictObject({
    protocol: z
      .enum(PROTOCOLS, { error: `must be one of ${PROTOCOLS.join(', ')} (plain http is not offered: notifications would travel unencrypted)` })
      .meta({ description: `How SNS delivers: ${PROTOCOLS.join(', ')}.` }),
    endpoint: z
      .string({ error: 'must be a string: an email address, https URL, SQS queue ARN, Lambda function ARN or E.164 phone number' })
      .meta({ description: 'email: address; https: URL; sqs: queue ARN; lambda: function ARN in the home region; sms: E.164 number (+14155550100).' }),
  })
  .superRefine((s, ctx) => {
    const problem = endpointProblem(s.protocol, s.endpoint);
    if (problem) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: problem });
  })
  .meta({ description: 'One subscriber of a topic.' });

const topic = z
  .strictObject({
    name: z
      .string({ error: 'must be a route name: 1-64 letters, digits, hyphens and underscores' })
      .superRefine((name, ctx) => {
        const problem = routeNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .meta({ description: 'Route name, unique in the environment; the SNS topic is <namingPrefix>-<name of the environment>-<route>.' }),
    notifyOk: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Also notify when an alarm returns to OK. @default true' }),
    notifyInsufficientData: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .meta({ description: 'Also notify when an alarm goes to INSUFFICIENT_DATA. @default false' }),
    subscriptions: z
      .array(subscription, { error: 'must be a list of { protocol, endpoint }' })
      .default([])
      .meta({ description: 'Subscribers. Email subscribers must confirm before they receive anything. @default []' }),
    publishers: z
      .array(z.enum(PUBLISHERS, { error: `must be one of ${PUBLISHERS.join(', ')}` }), { error: `must be a list of ${PUBLISHERS.join(', ')}` })
      .default([])
      .meta({ description: 'Extra AWS services of this account allowed to publish: eventbridge (rules), budgets. @default []' }),
  })
  .meta({ description: 'One SNS topic (route).' });

const routeList = (severity: Severity) =>
  z
    .array(z.string({ error: 'must be a topic name from alerting.topics' }), { error: 'must be a list of topic names from alerting.topics' })
    .optional()
    .meta({ description: `Topics that alarms of severity ${severity} notify (at least one).` });

export const ALERTING_DEFAULTS = {
  topics: [{ name: 'security', notifyOk: true, notifyInsufficientData: false, subscriptions: [], publishers: [] }],
  routing: DEFAULT_ROUTING,
  preventDestroy: true,
  keyDeletionWindowDays: 30,
  keyAdministrators: [] as string[],
  deadLetterQueueAlarmSeverity: DEFAULT_DEAD_LETTER_ALARM_SEVERITY,
};

export const alertingSection = z
  .strictObject({
    topics: z
      .array(topic, { error: 'must be a list of topics, each with a name' })
      .default(ALERTING_DEFAULTS.topics)
      .meta({ description: 'The SNS topics, one per route. @default [{ name: security }]' }),
    routing: z
      .strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, routeList(s)])) as Record<Severity, ReturnType<typeof routeList>>)
      .default(DEFAULT_ROUTING)
      .meta({ description: `Topics per severity (${SEVERITIES.join(', ')}); every severity must reach a topic. @default every severity to security` }),
    kmsKeyArn: z
      .string({ error: 'must be a customer-managed KMS key ARN' })
      .optional()
      .meta({ description: 'Use this customer-managed key instead of creating one (never alias/aws/sns: CloudWatch cannot use AWS-managed keys). @default a new key' }),
    preventDestroy: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Terraform refuses to destroy the topics\' key (prevent_destroy). @default true' }),
    keyDeletionWindowDays: z
      .number({ error: 'must be a whole number of days from 7 to 30' })
      .int({ error: 'must be a whole number of days from 7 to 30' })
      .min(7, { error: 'must be at least 7 days (the shortest KMS allows)' })
      .max(30, { error: 'must be at most 30 days (the longest KMS allows)' })
      .default(30)
      .meta({ description: 'Days a deleted key can still be recovered. @default 30' }),
    keyAdministrators: z
      .array(z.string().regex(ROLE_ARN, { error: 'must be an IAM role ARN of the management account: arn:aws:iam::<12 digits>:role/<name>' }))
      .max(10, { error: 'must list at most 10 roles: administer keys through a few dedicated roles' })
      .default([])
      .meta({
        description:
          'Roles of the management account that administer the alert key without being able to use it, instead of the account root with kms:*. The management deployment role is added automatically. Then nobody in the account can decrypt with the key: the dead-letter alarm still fires, but dead-lettered messages cannot be read, nor test messages published by hand. @default [] (the account root administers the key)',
      }),
    deadLetterQueueAlarmSeverity: z
      .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })
      .default(DEFAULT_DEAD_LETTER_ALARM_SEVERITY)
      .meta({
        description: `Severity of the alarm that fires while the dead-letter queue holds an undelivered notification (only when an https, sqs or lambda subscriber exists); routed like any alarm of that severity: route it to a topic with a subscriber other than the ones that may fail, e.g. email. @default "${DEFAULT_DEAD_LETTER_ALARM_SEVERITY}"`,
      }),
  })
  .default(ALERTING_DEFAULTS)
  .meta({ description: 'SNS topics per route, their subscriptions and the routing of severities to topics (modules/alert-topics).' });

export type AlertingConfig = z.output<typeof alertingSection>;

/** The AlertTopics props of an environment: topics in the management account and home region. */
export function alertTopicsProps(env: Environment): AlertTopicsProps {
  const a = env.alerting;
  return {
    accountId: env.managementAccountId,
    region: env.homeRegion,
    namePrefix: resourcePrefix(env),
    topics: a.topics,
    routing: a.routing,
    ...(a.kmsKeyArn !== undefined ? { kmsKeyArn: a.kmsKeyArn } : {}),
    preventDestroy: a.preventDestroy,
    keyDeletionWindowDays: a.keyDeletionWindowDays,
    // Named administrators replace the account root: the management deployment role must stay one.
    keyAdministrators: a.keyAdministrators.length === 0 ? [] : [...new Set([...a.keyAdministrators, env.deployment.management.roleArn])],
    deadLetterQueueAlarmSeverity: a.deadLetterQueueAlarmSeverity,
  };
}

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routing.critical`.
 * They are the construct's own props checks, so config and construct can never disagree.
 */
export function alertingProblems(env: Environment): Problem[] {
  const { topics, routing } = env.alerting;
  const defaultRouting = SEVERITIES.every((s) => routing[s]?.length === 1 && routing[s]?.[0] === 'security');
  if (defaultRouting && !topics.some((t) => t.name === 'security')) {
    // One clear message instead of five: topics were written, routing was not.
    return [
      {
        path: 'alerting.routing',
        message: `sends every severity to the default topic "security", which alerting.topics does not define: write routing for ${SEVERITIES.join(', ')} with the topics ${topics.map((t) => t.name).join(', ')}, or add a topic named security`,
      },
    ];
  }
  return alertTopicsPropsProblems(alertTopicsProps(env))
    .filter((p) => !['accountId', 'region', 'namePrefix'].includes(p.path)) // the environment schema checks these
    .map((p) => ({ path: `alerting.${p.path}`, message: p.message }));
}
