/**
 * `trailwatch/event-notifications`: one readable notification per matching CloudTrail event (who,
 * where, which account), through a CloudWatch Logs subscription filter on the trail's log group and a
 * bundled Lambda function publishing to the alert topics. Beside the alarms, not instead of them.
 */
export {
  DEFAULT_PER_EVENT_DETECTIONS,
  EVENT_NOTIFICATIONS_DEFAULTS,
  EventNotifications,
  eventNotificationsPropsProblems,
  RUNTIME,
  SUBJECT_LABELS,
  type EventNotificationsProps,
  type MessageFormat,
  type NotificationTopic,
  type TopicKey,
} from './event-notifications';
export { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP, subscriptionPatterns, type SubscriptionPattern } from './subscription-patterns';
