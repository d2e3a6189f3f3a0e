/**
 * The `eventNotifications` section of the environment config (module modules/event-notifications):
 * which detections notify per event, account names, the message format per topic, and the limits.
 * Written by nobody, it notifies MFA failures (IAM and Identity Center), root use and CloudTrail
 * changes, in plain text, to the topics their severities already route to.
 */
import { z } from 'zod';
import { SEVERITIES } from '../../../modules/common/severity';
import { MESSAGE_FORMATS } from '../../../modules/event-notifications/handler/config';
import { LOG_RETENTION_DAYS } from '../../../modules/common/cloudwatch-limits';
import { DEFAULT_PER_EVENT_DETECTIONS, EVENT_NOTIFICATIONS_DEFAULTS } from '../../../modules/event-notifications/props';

const d = EVENT_NOTIFICATIONS_DEFAULTS;

export const EVENT_NOTIFICATIONS_SECTION_DEFAULTS = {
  enabled: true,
  detections: DEFAULT_PER_EVENT_DETECTIONS,
  accounts: {},
  formats: {},
  floodThreshold: d.floodThreshold,
  reservedConcurrency: d.reservedConcurrency,
  logRetentionDays: d.logRetentionDays,
  failureSeverity: d.failureSeverity,
};

export const eventNotificationsSection = z
  .strictObject({
    enabled: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Create the subscription filter and the notification function. @default true' }),
    detections: z
      .array(z.string({ error: 'must be a detection id' }), { error: 'must be a list of detection ids' })
      .default(DEFAULT_PER_EVENT_DETECTIONS)
      .meta({
        description: `Detection ids (built-in or custom) that send one message per matching event, with their patterns as this environment resolves them. @default ${JSON.stringify(DEFAULT_PER_EVENT_DETECTIONS)}`,
      }),
    accounts: z
      .record(z.string(), z.string({ error: 'must be a readable account name' }))
      .default({})
      .meta({ description: 'Account ID (quoted) to a name shown beside the ID in every message, e.g. "111111111111": prod. @default {}' }),
    formats: z
      .record(z.string(), z.enum(MESSAGE_FORMATS, { error: `must be one of ${MESSAGE_FORMATS.join(', ')}` }))
      .default({})
      .meta({ description: 'Per topic (route name from alerting.topics): text (email, SMS) or chatbot (AWS Chatbot custom notification JSON for Slack and Teams). @default every topic text' }),
    floodThreshold: z
      .number({ error: 'must be a whole number >= 1' })
      .int({ error: 'must be a whole number >= 1' })
      .min(1, { error: 'must be at least 1' })
      .default(d.floodThreshold)
      .meta({ description: `More matches than this of one detection in one batch become one summary message (by principal and source IP). @default ${d.floodThreshold}` }),
    reservedConcurrency: z
      .number({ error: 'must be a whole number from 1 to 1000' })
      .int({ error: 'must be a whole number from 1 to 1000' })
      .min(1, { error: 'must be at least 1' })
      .max(1000, { error: 'must be at most 1000' })
      .default(d.reservedConcurrency)
      .meta({ description: `Reserved concurrency of the function. @default ${d.reservedConcurrency}` }),
    logRetentionDays: z
      .number({ error: `must be one of ${LOG_RETENTION_DAYS.join(', ')}` })
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), { error: `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}` })
      .default(d.logRetentionDays)
      .meta({ description: `Retention of the function's own log group, in days. @default ${d.logRetentionDays}` }),
    failureSeverity: z
      .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })
      .default(d.failureSeverity)
      .meta({ description: `Severity of the alarm on undelivered notifications (failed-invocations queue). @default "${d.failureSeverity}"` }),
  })
  .default(EVENT_NOTIFICATIONS_SECTION_DEFAULTS)
  .meta({ description: 'One notification per matching CloudTrail event (who, account, source IP), beside the alarms (modules/event-notifications).' });

export type EventNotificationsConfig = z.output<typeof eventNotificationsSection>;
