/**
 * `trailwatch/alert-topics`: the SNS topics alarms notify, one per route, with their key, subscribers,
 * dead-letter queue and the routing of severities to topics.
 */
export { AlertTopics } from './alert-topics';
export {
  alertTopicsPropsProblems,
  deadLetterQueueName,
  DEFAULT_ROUTING,
  DEFAULT_TOPICS,
  type AlertTopicsProps,
  type SubscriptionSpec,
  type TopicSpec,
} from './props';
export { PROTOCOLS, PUBLISHERS, type Protocol, type Publisher } from './rules';
export { SEVERITIES, type Severity } from '../common/severity';
export type { AlarmActions, AlarmRouting } from '../common/alarm-routing';
export { ValidationError, type Problem } from '../common/errors';
