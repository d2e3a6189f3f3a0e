/**
 * Which detections can match an event, from its `eventName` alone: most CloudTrail detections
 * require `$.eventName` to be one of a few names (`ConsoleLogin`, the CIS lists of API calls), so
 * replay looks the event's name up and runs only those detections plus the ones without such a
 * requirement (root use, unauthorized calls), instead of every matcher on every event. The result is
 * the same by construction: a detection is skipped only when its pattern cannot match that name.
 */
import type { FilterPattern } from '../patterns';

type JsonCondition = Extract<FilterPattern['ast'], { kind: 'json' }>['condition'];

/**
 * The `eventName` values a pattern can match, or undefined when it does not restrict them. Derived
 * from `$.eventName = "<exact text>"` comparisons (case-sensitive, no wildcard) combined by && (a
 * requirement on either side holds) and || (only when both sides have one).
 */
export function requiredEventNames(pattern: FilterPattern): ReadonlySet<string> | undefined {
  return pattern.ast.kind === 'json' ? required(pattern.ast.condition) : undefined;
}

function required(c: JsonCondition): Set<string> | undefined {
  switch (c.type) {
    case 'compare': {
      const isEventName = c.path.length === 1 && c.path[0] === 'eventName';
      const v = c.value;
      return isEventName && c.operator === '=' && v.type === 'string' && v.segments === null ? new Set([v.text]) : undefined;
    }
    case 'and': {
      const l = required(c.left);
      const r = required(c.right);
      if (l && r) return new Set([...l].filter((n) => r.has(n)));
      return l ?? r;
    }
    case 'or': {
      const l = required(c.left);
      const r = required(c.right);
      return l && r ? new Set([...l, ...r]) : undefined;
    }
    default:
      return undefined;
  }
}

/** For each eventName, the indexes of the detections to run; `others` for names no detection requires. */
export class EventNameIndex {
  private readonly byName = new Map<string, number[]>();
  /** Detections with no eventName requirement: run on every event. */
  readonly others: number[];
  /** Every detection: for events without a string eventName (text messages, odd records). */
  readonly all: number[];

  constructor(requirements: readonly (ReadonlySet<string> | undefined)[]) {
    this.all = requirements.map((_, i) => i);
    this.others = this.all.filter((i) => requirements[i] === undefined);
    const names = new Set<string>();
    for (const r of requirements) if (r) for (const n of r) names.add(n);
    for (const name of names) this.byName.set(name, this.all.filter((i) => requirements[i] === undefined || requirements[i]!.has(name)));
  }

  candidates(eventName: unknown): readonly number[] {
    if (typeof eventName !== 'string') return this.all;
    return this.byName.get(eventName) ?? this.others;
  }
}
