/**
 * How bad a detection is. Alert routing maps each severity to one or more SNS topics;
 * a severity that routes nowhere is a synth error (see modules/alert-topics).
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
/** A severity level: decides which alert topics an alarm notifies. */
export type Severity = (typeof SEVERITIES)[number];

/** The most severe level, used for alarms that guard the trail itself. */
export const HIGHEST_SEVERITY: Severity = 'critical';

/** True when the value is one of SEVERITIES. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
