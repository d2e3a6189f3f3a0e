/**
 * The per-principal and per-source-IP sign-in rules (modules/sign-in-brute-force), replayed as
 * deployed: each rule's own Contributor Insights filters (e.g. `eventName` ConsoleLogin and
 * `responseElements.ConsoleLogin` Failure, whatever the compliance mode of the detections), its
 * keys, and its alarm on `MaxContributorValue` (threshold, period, evaluation periods, missing data
 * not breaching), evaluated by the same engine as every other alarm.
 */
import { type AlarmDefinition, maxContributorSeries, stepSeconds, topContributor } from '../alarm-model';
import { COUNT_BY, type CountBy, SIGN_IN_SOURCE_NAMES, SIGN_IN_SOURCES, type SignInSourceName } from '../sign-in-brute-force/sign-in-sources';
import { type AlarmSummary, type SummaryOptions, summarizeAlarm } from './alarm-summary';
import { type ContributorKeys, DEFAULT_CONTRIBUTOR_KEYS, contributorKey, valueAt } from './event-summary';

/** Defaults of the per-principal sign-in failure alarm (issue 7): 3 failures by one key in 5 minutes, 1 period. */
export const CONTRIBUTOR_DEFAULTS = { threshold: 3, periodSeconds: 300, evaluationPeriods: 1 } as const;

/** The per-principal rule the replay mirrors for sign-in failure detections. */
export interface ContributorSettings {
  readonly threshold: number;
  readonly periodSeconds: number;
  /** Consecutive periods at or above the threshold (the alarm's evaluation and datapoints to alarm). @default 1 */
  readonly evaluationPeriods?: number;
  /** The rules' keys. @default DEFAULT_CONTRIBUTOR_KEYS */
  readonly keys?: ContributorKeys;
  /** Sign-in sources with rules. @default both */
  readonly sources?: readonly SignInSourceName[];
  /** What the rules count by. @default principal and sourceIp */
  readonly countBy?: readonly CountBy[];
}

/** One deployed rule and its alarm. */
export interface ContributorRule {
  /** `<source slug>-by-<principal|source-ip>`, as in the rule and alarm names. */
  readonly name: string;
  readonly title: string;
  readonly filters: readonly { readonly Match: string; readonly In: readonly string[] }[];
  readonly keys: readonly string[];
  readonly alarm: AlarmDefinition;
}

export function contributorRules(settings: ContributorSettings = CONTRIBUTOR_DEFAULTS): ContributorRule[] {
  const keys = settings.keys ?? DEFAULT_CONTRIBUTOR_KEYS;
  const n = settings.evaluationPeriods ?? 1;
  const alarm: AlarmDefinition = {
    threshold: settings.threshold,
    periodSeconds: settings.periodSeconds,
    evaluationPeriods: n,
    datapointsToAlarm: n,
    treatMissingData: 'notBreaching',
  };
  const rules: ContributorRule[] = [];
  for (const sourceName of settings.sources ?? SIGN_IN_SOURCE_NAMES) {
    const source = SIGN_IN_SOURCES[sourceName];
    for (const countBy of settings.countBy ?? COUNT_BY) {
      rules.push({
        name: `${source.slug}-by-${countBy === 'principal' ? 'principal' : 'source-ip'}`,
        title: `${source.title} by ${countBy === 'principal' ? 'principal' : 'source IP'}`,
        filters: source.filters,
        keys: countBy === 'principal' ? keys[sourceName] : keys.sourceIp,
        alarm,
      });
    }
  }
  return rules;
}

export interface Contributor {
  readonly key: string;
  /** Matches over the whole input. */
  readonly total: number;
  /** Largest count in one period (sliding, as the alarm evaluates it). */
  readonly maxInPeriod: number;
}

/** An ALARM transition of the rule's alarm, with the contributor at the top of the newest period. */
export interface ContributorAlarm {
  readonly time: number;
  readonly key: string;
  readonly count: number;
}

/** Counts per contributor (principal or source IP) for one detection. */
export interface ContributorReport {
  readonly name: string;
  readonly title: string;
  readonly keys: readonly string[];
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Events the rule's filters matched. */
  readonly matched: number;
  readonly distinct: number;
  readonly top: Contributor[];
  readonly alarm: AlarmSummary;
  readonly alarmsFor: ContributorAlarm[];
}

type Obj = Record<string, unknown>;

export class ContributorCounter {
  private readonly totals = new Map<string, number>();
  /** Step (minute) → contributor → count; only matched events are kept, so this stays small. */
  private readonly perStep = new Map<number, Map<string, number>>();
  private readonly stepMs: number;
  private matched = 0;

  constructor(readonly rule: ContributorRule) {
    this.stepMs = stepSeconds(rule.alarm.periodSeconds) * 1000;
  }

  /** Contributor Insights filters: every `Match` field must hold one of its `In` values. */
  matches(record: Obj): boolean {
    return this.rule.filters.every((f) => {
      const v = valueAt(record, f.Match);
      return v !== undefined && f.In.includes(v);
    });
  }

  offer(record: Obj, timeMs: number): void {
    if (!this.matches(record)) return;
    this.matched++;
    const key = contributorKey(record, this.rule.keys);
    this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
    if (Number.isNaN(timeMs)) return;
    const step = Math.floor(timeMs / this.stepMs);
    let counts = this.perStep.get(step);
    if (!counts) this.perStep.set(step, (counts = new Map()));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  report(range: { first: number; last: number } | undefined, limit = 5, options: SummaryOptions = {}): ContributorReport {
    const rule = this.rule;
    const p = rule.alarm.periodSeconds * 1000 / this.stepMs;
    const maxIn = new Map<string, number>();
    const byKey = new Map<string, [number, number][]>();
    for (const [s, counts] of this.perStep) for (const [k, c] of counts) (byKey.get(k) ?? byKey.set(k, []).get(k))?.push([s, c]);
    for (const [k, list] of byKey) {
      list.sort((a, b) => a[0] - b[0]);
      let sum = 0;
      let lo = 0;
      let best = 0;
      for (let hi = 0; hi < list.length; hi++) {
        sum += list[hi][1];
        while (list[hi][0] - list[lo][0] >= p) sum -= list[lo++][1];
        best = Math.max(best, sum);
      }
      maxIn.set(k, best);
    }
    const top = [...this.totals]
      .map(([key, total]) => ({ key, total, maxInPeriod: maxIn.get(key) ?? 0 }))
      .sort((a, b) => b.maxInPeriod - a.maxInPeriod || b.total - a.total || (a.key < b.key ? -1 : 1))
      .slice(0, limit);
    const empty: AlarmSummary = { alarms: 0, rangeDependent: 0, maxDatapoint: 0, transitions: [] };
    const alarm = range
      ? summarizeAlarm(rule.alarm, maxContributorSeries(this.perStep), Math.floor(range.first / this.stepMs), Math.floor(range.last / this.stepMs) + 1, options)
      : empty;
    const alarmsFor = alarm.transitions
      .filter((t) => t.to === 'ALARM')
      .map((t) => {
        const end = t.time / this.stepMs;
        // The contributor that put the newest period at or above the threshold, or (when the range
        // re-evaluated an older one) the top one of the whole evaluated stretch.
        const found = topContributor(this.perStep, end - p, end) ?? topContributor(this.perStep, end - p * (rule.alarm.evaluationPeriods + 2), end);
        return { time: t.time, key: found?.key ?? '-', count: found?.count ?? 0 };
      });
    return {
      name: rule.name,
      title: rule.title,
      keys: rule.keys,
      threshold: rule.alarm.threshold,
      periodSeconds: rule.alarm.periodSeconds,
      evaluationPeriods: rule.alarm.evaluationPeriods,
      matched: this.matched,
      distinct: this.totals.size,
      top,
      alarm,
      alarmsFor,
    };
  }
}
