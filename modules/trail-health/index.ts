/** `trailwatch/trail-health`: the alarm that fires when the trail stops delivering events to its log group. */
export { MIN_WINDOW_SECONDS, TRAIL_HEALTH_DEFAULTS, TrailHealth, trailHealthPropsProblems, type TrailHealthProps } from './trail-health';
export { SEVERITIES, type Severity } from '../common/severity';
export type { AlarmActions, AlarmRouting } from '../common/alarm-routing';
export type { AlarmContext } from '../common/alarm-description';
export { ValidationError, type Problem } from '../common/errors';
