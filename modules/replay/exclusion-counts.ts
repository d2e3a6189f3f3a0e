/**
 * What tuning costs, per detection: how many events each exclusion (and each automation role)
 * removed, so a user sees it before deploying. An event counts against an exclusion when the
 * detection's pattern without exclusions matches it and the exclusion's keep-condition does not;
 * an event removed by several exclusions counts against each of them.
 */
import type { ReplayEvent } from './formats';

/** One exclusion of a detection: where it came from, how it is named, the condition an event must meet to be kept. */
export interface ReplayExclusion {
  /** Config field, e.g. `exclusions.unauthorized-api-calls[0]` or `automationRoleNames[1]`. */
  readonly source: string;
  /** The exclusion's reason, its condition (free-form) or the role name. */
  readonly label: string;
  /** The condition (without braces) appended to the pattern. */
  readonly condition: string;
}

/** A detection's pattern before exclusions and its exclusions one by one (modules/detections resolveDetections). */
export interface DetectionExclusions {
  readonly detectionId: string;
  readonly basePattern: string;
  readonly exclusions: readonly ReplayExclusion[];
}

export interface ExclusionCount extends ReplayExclusion {
  /** Events the detection's pattern without exclusions matched that this exclusion left out. */
  readonly removed: number;
}

interface Counted {
  readonly spec: DetectionExclusions;
  readonly names: ReadonlySet<string> | undefined;
  readonly base: (event: ReplayEvent) => boolean;
  readonly keeps: ((event: ReplayEvent) => boolean)[];
  readonly removed: number[];
}

export class ExclusionCounter {
  private readonly counted: Counted[];

  constructor(
    specs: readonly DetectionExclusions[],
    compile: (pattern: string) => (event: ReplayEvent) => boolean,
    eventNames?: (pattern: string) => ReadonlySet<string> | undefined,
  ) {
    this.counted = specs
      .filter((s) => s.exclusions.length > 0)
      .map((spec) => ({
        spec,
        names: eventNames?.(spec.basePattern),
        base: compile(spec.basePattern),
        keeps: spec.exclusions.map((x) => compile(exclusionPattern(x))),
        removed: spec.exclusions.map(() => 0),
      }));
  }

  readonly handle = (event: ReplayEvent): void => {
    for (const c of this.counted) {
      if (c.names && (typeof event === 'string' || typeof event.eventName !== 'string' || !c.names.has(event.eventName))) continue;
      if (!c.base(event)) continue;
      for (let i = 0; i < c.keeps.length; i++) if (!c.keeps[i](event)) c.removed[i]++;
    }
  };

  /** Counts per detection id. */
  report(): Map<string, ExclusionCount[]> {
    return new Map(this.counted.map((c) => [c.spec.detectionId, c.spec.exclusions.map((x, i) => ({ ...x, removed: c.removed[i] }))]));
  }
}

/** The exclusion's condition as a pattern of its own, to compile. */
export function exclusionPattern(x: ReplayExclusion): string {
  return `{ ${x.condition} }`;
}
