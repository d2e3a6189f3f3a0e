/**
 * `trailwatch/common`: the types and helpers every construct shares (severities, alarm routing, the
 * context alarm descriptions name, validation errors). No cdktf, no config: safe to import anywhere.
 */
export { SEVERITIES, HIGHEST_SEVERITY, isSeverity, type Severity } from './severity';
export type { AlarmActions, AlarmRouting } from './alarm-routing';
export { ALARM_DESCRIPTION_LIMIT, alarmDescription, insightsConsoleUrl, type AlarmContext, type AlarmDescriptionInput } from './alarm-description';
export { ValidationError, formatProblem, type Problem } from './errors';
export { MAX_EVALUATION_WINDOW_SECONDS, LOG_RETENTION_DAYS } from './cloudwatch-limits';
