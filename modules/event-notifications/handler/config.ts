/**
 * What the notification function knows at run time: written at synth by the EventNotifications
 * construct into `config.json` beside the bundled code (in the same archive, so a config change
 * changes `source_code_hash` and shows in the plan). Kept out of environment variables: Lambda caps
 * them at 4 KB, which an organization's account names or custom patterns would exceed.
 */
import type { Severity } from '../../common/severity';

/** `text`: a plain-text message for email and SMS (default); `chatbot`: AWS Chatbot's custom-notification JSON. */
export const MESSAGE_FORMATS = ['text', 'chatbot'] as const;
/** How a topic's messages are written: text (email, SMS) or chatbot (AWS Chatbot custom notification JSON). */
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** One topic a severity is published to, and how its messages are written. */
export interface NotificationTopic {
  /** SNS topic ARN (a plain string, known at plan time). Required. */
  readonly topicArn: string;
  /** How messages to this topic are written: plain text, or AWS Chatbot's custom notification JSON. @default 'text' */
  readonly format?: MessageFormat;
}

/** A detection as the function needs it: what to match and what to tell. */
export interface NotifiedDetection {
  readonly id: string;
  readonly title: string;
  /** Advice for the person notified (the detection's description). */
  readonly description: string;
  readonly severity: Severity;
  /** CloudWatch Logs filter pattern, as resolved for the environment (mode, exclusions). */
  readonly pattern: string;
  /** Short label for the subject line, e.g. "MFA failed". */
  readonly label: string;
}

export interface NotifierConfig {
  /** Environment name, e.g. `acme-prod`. */
  readonly environment: string;
  /** Home region: where the trail's log group is (for the Logs Insights console link). */
  readonly region: string;
  /** The trail's log group, which the Logs Insights query reads. */
  readonly logGroupName: string;
  /** More matches than this of one detection in one invocation become one summary message. */
  readonly floodThreshold: number;
  /** Account ID to a readable name. */
  readonly accounts: Readonly<Record<string, string>>;
  readonly detections: readonly NotifiedDetection[];
  /** Topics per severity. */
  readonly routes: Readonly<Partial<Record<Severity, readonly NotificationTopic[]>>>;
}
