/**
 * The metric settings of an alarm that fires while an SQS queue holds a message: a dead-letter queue
 * or a failed-invocations queue, where anything at all means something reached nobody.
 * ApproximateNumberOfMessagesVisible > 0 for one 5-minute period (Maximum): "Available CloudWatch
 * metrics for Amazon SQS"
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html).
 * SQS publishes for active queues only: missing data is an empty, idle queue (notBreaching).
 */
export function queueNotEmptyMetric(queueName: string) {
  return {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: queueName },
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  } as const;
}
