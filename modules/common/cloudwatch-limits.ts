/** CloudWatch limits every alarm module checks against, in one place. */

/** PutMetricAlarm: evaluationPeriods x period is at most one day; also the longest period. */
export const MAX_EVALUATION_WINDOW_SECONDS = 86_400;

/** CloudWatch Logs: at most 2 subscription filters per log group (PutSubscriptionFilter; a hard quota). */
export const MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;

/** CloudWatch Logs retention values the API accepts (PutRetentionPolicy retentionInDays). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
