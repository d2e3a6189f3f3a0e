/**
 * How a built-in detection is written down in the catalogue: a Detection whose pattern exists in
 * two forms, one per compliance mode.
 */
import type { Detection } from '../detection';

/**
 * `securityHub`: the patterns AWS Security Hub's CloudWatch.1-14 controls accept (exact strings).
 * `tuned`: patterns with fewer false positives and misses; the controls whose pattern differs then
 * report FAILED in Security Hub.
 */
export type ComplianceMode = 'securityHub' | 'tuned';

/** Every ComplianceMode. */
export const COMPLIANCE_MODES: readonly ComplianceMode[] = ['securityHub', 'tuned'];

/** A built-in detection in the catalogue: its alarm settings, and its pattern per compliance mode. */
export interface CatalogueEntry extends Omit<Detection, 'pattern'> {
  readonly patterns: Readonly<Record<ComplianceMode, string>>;
  /**
   * Whether, in tuned mode, changes made by the environment's automation roles
   * (`detections.automationRoleNames`) are left out. Never for the trail, its key or root.
   */
  readonly excludesAutomation: boolean;
  /** Why the tuned pattern differs from the Security Hub one (shown in docs/detections.md). */
  readonly tunedBecause?: string;
}

/** Defaults every built-in shares unless its entry says otherwise. */
export const ALARM_DEFAULTS = {
  threshold: 1,
  periodSeconds: 300,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  statistic: 'Sum',
  treatMissingData: 'notBreaching',
} as const;

/** `{ <a> || <b> || ... }` over `$.eventName = "<name>"` terms, the shape of the CIS change monitors. */
export function eventNames(names: readonly string[]): string {
  return names.map((n) => `($.eventName = "${n}")`).join(' || ');
}
