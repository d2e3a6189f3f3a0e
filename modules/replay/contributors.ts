/**
 * Failed sign-ins counted per principal and per source IP, mirroring the Contributor Insights rule
 * of modules/sign-in-brute-force: per period (default 5 minutes) each contributor's count, and the
 * rule's alarm on MaxContributorValue at or above the threshold (default 3). An organization-wide
 * count hides one user's burst among everyone's typos; this shows it.
 */
import { periodStart } from './alarm';
import type { ContributorKeys } from './event-summary';

/** Defaults of the per-principal sign-in failure alarm (issue 7): 3 failures by one key in 5 minutes. */
export const CONTRIBUTOR_DEFAULTS = { threshold: 3, periodSeconds: 300 } as const;

/** Detections whose matches are counted per principal and per source IP. */
export const SIGN_IN_FAILURE_DETECTIONS: readonly string[] = ['console-sign-in-failures', 'iam-console-mfa-failure', 'identity-center-mfa-failure'];

/** The per-principal rule the replay mirrors for sign-in failure detections. */
export interface ContributorSettings {
  readonly threshold: number;
  readonly periodSeconds: number;
  /** The rule's keys. @default DEFAULT_CONTRIBUTOR_KEYS (account + user name; user name for Identity Center; source IP) */
  readonly keys?: ContributorKeys;
}

export interface Contributor {
  readonly key: string;
  /** Matches over the whole input. */
  readonly total: number;
  /** Largest count in one period. */
  readonly maxInPeriod: number;
  /** Periods in which this contributor's count reached the threshold. */
  readonly periodsAtThreshold: number;
}

/** A period in which the rule's MaxContributorValue reached the threshold. */
export interface ContributorAlarmPeriod {
  readonly start: number;
  readonly key: string;
  readonly count: number;
}

/** Counts per contributor (principal or source IP) for one detection. */
export interface ContributorReport {
  readonly key: 'principal' | 'sourceIp';
  readonly distinct: number;
  readonly top: Contributor[];
  readonly alarmPeriods: ContributorAlarmPeriod[];
}

export class ContributorCounter {
  private readonly totals = new Map<string, number>();
  /** `<period start>\n<key>` → count; only matched events are counted, so this stays small. */
  private readonly perPeriod = new Map<string, number>();

  constructor(
    private readonly key: 'principal' | 'sourceIp',
    private readonly settings: ContributorSettings = CONTRIBUTOR_DEFAULTS,
  ) {}

  add(value: string, timeMs: number): void {
    this.totals.set(value, (this.totals.get(value) ?? 0) + 1);
    if (Number.isNaN(timeMs)) return;
    const slot = `${periodStart(timeMs, this.settings.periodSeconds)}\n${value}`;
    this.perPeriod.set(slot, (this.perPeriod.get(slot) ?? 0) + 1);
  }

  report(limit = 5): ContributorReport {
    const maxIn = new Map<string, number>();
    const atThreshold = new Map<string, number>();
    const maxPerPeriod = new Map<number, { key: string; count: number }>();
    for (const [slot, count] of this.perPeriod) {
      const nl = slot.indexOf('\n');
      const start = Number(slot.slice(0, nl));
      const key = slot.slice(nl + 1);
      maxIn.set(key, Math.max(maxIn.get(key) ?? 0, count));
      if (count >= this.settings.threshold) atThreshold.set(key, (atThreshold.get(key) ?? 0) + 1);
      const best = maxPerPeriod.get(start);
      if (!best || count > best.count || (count === best.count && key < best.key)) maxPerPeriod.set(start, { key, count });
    }
    const top = [...this.totals]
      .map(([key, total]) => ({ key, total, maxInPeriod: maxIn.get(key) ?? 0, periodsAtThreshold: atThreshold.get(key) ?? 0 }))
      .sort((a, b) => b.maxInPeriod - a.maxInPeriod || b.total - a.total || (a.key < b.key ? -1 : 1))
      .slice(0, limit);
    const alarmPeriods = [...maxPerPeriod]
      .filter(([, v]) => v.count >= this.settings.threshold)
      .map(([start, v]) => ({ start, key: v.key, count: v.count }))
      .sort((a, b) => a.start - b.start);
    return { key: this.key, distinct: this.totals.size, top, alarmPeriods };
  }
}
