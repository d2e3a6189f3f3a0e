/**
 * A detection is data: what to look for in CloudTrail, how often is too often, how bad it is, and
 * what the person paged should do. The catalogue (modules/detections/catalogue/) holds the built-in
 * ones; environments tune them and add their own; the DetectionAlarms construct turns any list of
 * them into metric filters and alarms; the replay command and the tests evaluate their patterns
 * offline with the pattern engine (modules/patterns).
 */
import type { Severity } from '../common/severity';

/** Where a detection comes from in the standards people are audited against. */
export interface DetectionReferences {
  /** CIS AWS Foundations Benchmark items by version, e.g. `{ 'v1.2': '3.3', 'v1.4': '4.3', 'v5': '4.3' }`. */
  readonly cis?: Readonly<Record<string, string>>;
  /** AWS Security Hub control, e.g. `CloudWatch.1`. */
  readonly securityHub?: string;
  /** MITRE ATT&CK technique ids, e.g. `['T1078.004']`. */
  readonly mitreAttack?: readonly string[];
  /** Further reading (AWS documentation pages). */
  readonly links?: readonly string[];
}

/** CloudWatch `treat_missing_data`. */
export type TreatMissingData = 'notBreaching' | 'breaching' | 'ignore' | 'missing';

/** A detection: a CloudWatch Logs filter pattern and the alarm on its count. Built-ins come from the catalogue; custom detections are plain objects of this shape. */
export interface Detection {
  /** Stable id (kebab-case): part of the filter, metric and alarm names, so never renamed. */
  readonly id: string;
  /** One line, e.g. "Console sign-in failed at the MFA step". */
  readonly title: string;
  /**
   * For the person paged: what happened, how to see the events, what to do next. Goes into the
   * alarm description (with the environment, log group and Logs Insights query added).
   */
  readonly description: string;
  /** CloudWatch Logs filter pattern, validated by the pattern engine at synth. */
  readonly pattern: string;
  /** Alarm when the Sum over one period is at or above this. */
  readonly threshold: number;
  /** Alarm period in seconds: 10, 30 or a multiple of 60. */
  readonly periodSeconds: number;
  /** Periods evaluated; evaluationPeriods x periodSeconds is at most one day. */
  readonly evaluationPeriods: number;
  /** Breaching periods out of evaluationPeriods that trigger ALARM (at most evaluationPeriods). */
  readonly datapointsToAlarm: number;
  /** Always `Sum`: the metric counts matching events (value 1, default 0). */
  readonly statistic: 'Sum';
  readonly treatMissingData: TreatMissingData;
  readonly severity: Severity;
  readonly references: DetectionReferences;
  /** Which pack the detection belongs to (`sign-in`, `cis`) or `custom` for an environment's own. */
  readonly pack: string;
}
