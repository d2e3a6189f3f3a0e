/**
 * One thing the review says about a plan. Findings are sorted stop signs first, then weakening, then
 * the rest; `gates` are the `--fail-on` names that fail the check when the finding is present.
 */

/** Where a finding is shown in the comment. */
export type Section = 'stop' | 'detections' | 'routing' | 'policies';

/**
 * Names accepted by `--fail-on`:
 * - `stateful-destroy`: the trail, a log bucket, a KMS key or the log group destroyed or replaced;
 * - `stop-sign`: any stop sign (stateful destroy, protection removed, logging turned off or shortened);
 * - `weakening`: anything that makes detection, alerting or a policy weaker (includes every stop sign);
 * - `detection-change`, `routing-change`, `policy-change`: any change in that section;
 * - `any-change`: any finding at all.
 */
export const GATES = ['stateful-destroy', 'stop-sign', 'weakening', 'detection-change', 'routing-change', 'policy-change', 'any-change'] as const;
/** A class of change that `--fail-on` can make the review fail on. */
export type Gate = (typeof GATES)[number];

/** One thing a plan changes that matters for security, in words, with its weight (stop sign, weakening, other). */
export interface Finding {
  readonly section: Section;
  /** Makes detection, alerting, logging or access weaker. */
  readonly weakening: boolean;
  /** A stateful resource is destroyed or replaced. */
  readonly statefulDestroy?: boolean;
  /** One line of Markdown. */
  readonly text: string;
  /** Longer Markdown shown folded under the line (a diff, a statement). */
  readonly details?: string;
}

const SECTION_GATE: Record<Section, Gate> = {
  stop: 'stop-sign',
  detections: 'detection-change',
  routing: 'routing-change',
  policies: 'policy-change',
};

/** The gates a finding trips. */
export function gatesOf(f: Finding): Set<Gate> {
  const gates = new Set<Gate>(['any-change', SECTION_GATE[f.section]]);
  if (f.section === 'stop' || f.weakening) gates.add('weakening');
  if (f.statefulDestroy) gates.add('stateful-destroy');
  return gates;
}

/** Weakening first, keeping the order the findings were made in otherwise. */
export function weakeningFirst(findings: readonly Finding[]): Finding[] {
  return [...findings.filter((f) => f.weakening), ...findings.filter((f) => !f.weakening)];
}

/** Parses a `--fail-on` list; throws naming the unknown entries and the accepted ones. */
export function parseGates(list: string): Gate[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(GATES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--fail-on ${list}: unknown ${unknown.join(', ') || '(empty list)'}; use a comma-separated list of ${GATES.join(', ')}`);
  }
  return names as Gate[];
}
