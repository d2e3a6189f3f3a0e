/** Limits and defaults of the trail-health window, shared by the config section and the construct. */
import { HIGHEST_SEVERITY, type Severity } from '../common/severity';

/**
 * CloudTrail delivers to CloudWatch Logs in batches, typically within 5 minutes, and an organization
 * produces management events all the time; shorter windows would page on ordinary delivery delay.
 */
export const MIN_WINDOW_SECONDS = 900;

/** The TrailHealth settings when none are given: one hour without events, critical. */
export const TRAIL_HEALTH_DEFAULTS: { windowSeconds: number; evaluationPeriods: number; severity: Severity } = {
  windowSeconds: 3600,
  evaluationPeriods: 1,
  severity: HIGHEST_SEVERITY,
};
