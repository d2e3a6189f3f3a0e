import type { ITerraformDependable } from 'cdktf';
import type { Severity } from './severity';

/** The CloudWatch alarm actions for one alarm: SNS topic ARNs, known at plan time. */
export interface AlarmActions {
  /** Topics notified on the transition to ALARM. */
  readonly alarmActions: string[];
  /** Topics notified on the transition back to OK (empty when no routed topic wants it). */
  readonly okActions: string[];
  /** Topics notified on INSUFFICIENT_DATA (empty when no routed topic wants it). */
  readonly insufficientDataActions: string[];
  /**
   * What the alarm must be created after: the topics named above when the same stack creates them (the
   * ARNs are literal strings, so without this Terraform may create an alarm before its topic).
   * @default [] (the topics exist already)
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Where alarms of a given severity send their notifications. Implemented by the alert-topics
 * module; any other implementation (a team's existing topics) can be passed to the alarm modules.
 * Must throw a ValidationError for a severity that routes to no topic: a silent drop is never allowed.
 */
export interface AlarmRouting {
  actionsFor(severity: Severity): AlarmActions;
}
