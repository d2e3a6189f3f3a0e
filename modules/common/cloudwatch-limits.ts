/** CloudWatch limits every alarm module checks against, in one place. */

/** PutMetricAlarm: evaluationPeriods x period is at most one day; also the longest period. */
export const MAX_EVALUATION_WINDOW_SECONDS = 86_400;
