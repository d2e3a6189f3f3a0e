/**
 * The replay engine: streams log files through every detection's matcher and keeps, per detection,
 * only what the report needs (match count, Sum per period, a few sample events, per-principal
 * counts for sign-in failures). Memory grows with the time span and the number of distinct
 * failing principals, never with the number of events or the size of the files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stepSeconds, sumSeries } from '../alarm-model';
import type { Detection } from '../detections/detection';
import { TRAIL_HEALTH_DEFAULTS } from '../trail-health/window';
import { type AlarmSummary, summarizeAlarm } from './alarm-summary';
import { CONTRIBUTOR_DEFAULTS, ContributorCounter, type ContributorReport, type ContributorSettings, contributorRules } from './contributors';
import { EventNameIndex } from './event-name-index';
import { type DetectionExclusions, ExclusionCounter, type ExclusionCount } from './exclusion-counts';
import { isoToMs } from './event-time';
import { type EventSummary, principalOf, sourceIpOf, summarize } from './event-summary';
import type { ReplayEvent } from './formats';
import { type FileResult, type ReadOptions, readLogFile } from './read-file';
import { type TrailHealthResult, replayTrailHealth } from './trail-health-replay';
import { TopCounter, type TopKeys } from './top-counter';

export type { TrailHealthResult };

/** Turns a filter pattern into a predicate (the pattern engine's parsePattern + compileMatcher). */
export type MatcherFactory = (pattern: string) => (event: ReplayEvent) => boolean;

/** CloudTrail was launched in November 2013: an earlier time is not a CloudTrail event time. */
export const EARLIEST_EVENT_TIME = Date.parse('2013-01-01T00:00:00Z');
/** A time more than this far after now is not real (clock skew between services is far smaller). */
export const MAX_FUTURE_MS = 86_400_000;

/** What to replay the log files through, and how. */
export interface ReplayOptions {
  readonly detections: readonly Detection[];
  readonly compile: MatcherFactory;
  /**
   * The eventName values a pattern can match (undefined: any), so a detection runs only on events it
   * could match (see event-name-index.ts). Without it every detection runs on every event.
   */
  readonly eventNames?: (pattern: string) => ReadonlySet<string> | undefined;
  /** Matching events listed per detection (the earliest ones); 0 lists none. @default 5 */
  readonly sampleSize?: number;
  /** The per-principal and per-source-IP sign-in rules (null: none deployed). @default 3 in 300 s, 1 period, both sources, both keys */
  readonly contributors?: ContributorSettings | null;
  /** The trail-health alarm (null: none deployed). @default TRAIL_HEALTH_DEFAULTS (1 h, 1 period) */
  readonly trailHealth?: { readonly windowSeconds: number; readonly evaluationPeriods: number } | null;
  /**
   * Added to `eventTime` to model CloudTrail's delivery to CloudWatch Logs, for inputs without a
   * log-event timestamp (S3 delivery files, Event history). @default 0
   */
  readonly deliveryDelaySeconds?: number;
  /** Now (ms), for the plausibility check of event times. @default Date.now() */
  readonly now?: number;
  /** Passed to the file reader. */
  readonly read?: ReadOptions;
  /** Per detection, its pattern without exclusions and each exclusion, to count what each removed. @default none */
  readonly exclusions?: readonly DetectionExclusions[];
  /** Called after each file, e.g. to report a skipped file or move a progress bar. */
  readonly onFile?: (result: FileResult, done: number, total: number) => void;
  /**
   * Also collect what the HTML report draws: every alarm's evaluated datapoints (AlarmSummary.series)
   * and, per detection, its top principals and source addresses and the sample records (detail).
   * @default false
   */
  readonly charts?: boolean;
}

/** Sample records longer than this (as indented JSON) are cut, so one huge record cannot bloat a report. */
export const MAX_SAMPLE_RECORD_CHARS = 8000;

/** Per detection, with `charts`: who and where its matches came from, and its sample records in full. */
export interface DetectionDetail {
  /** Principals of the matched events (as in the samples: ARN, else user name, else principal id). */
  readonly principals: TopKeys;
  /** Source addresses (`sourceIPAddress`) of the matched events. */
  readonly sourceIps: TopKeys;
  /** The record of each sample, as indented JSON (cut at MAX_SAMPLE_RECORD_CHARS), in the order of `samples`. */
  readonly records: string[];
}

/** What one detection did over the replayed events: matches, alarm episodes, samples. */
export interface DetectionResult {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly pattern: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: string;
  readonly matched: number;
  readonly alarm: AlarmSummary;
  readonly samples: EventSummary[];
  /** Detections with exclusions only: events each exclusion (or automation role) removed. */
  readonly exclusions?: ExclusionCount[];
  /** With `charts` only: top principals and source addresses, sample records. */
  readonly detail?: DetectionDetail;
}

/** Volume and size of the input, for estimating CloudWatch Logs ingestion. */
export interface VolumeReport {
  /** Average size of an event's message in bytes (UTF-8 JSON), measured on `sampled` events. */
  readonly averageEventBytes?: number;
  readonly sampled: number;
  /** Events per day over the input's time span (undefined when the span is under a minute). */
  readonly eventsPerDay?: number;
}

/** The result of a replay: files, events, problems, and a result per detection. */
export interface ReplayReport {
  readonly files: number;
  /** Files that could not be read completely, or had records that were skipped. */
  readonly problems: FileResult[];
  readonly events: number;
  /** Events without a usable time (not placed in any period). */
  readonly eventsWithoutTime: number;
  /** Events placed at their CloudWatch Logs log-event timestamp (exports, filter-log-events output). */
  readonly eventsAtLogTimestamp: number;
  /** Events placed at their eventTime (+ the delivery delay): S3 delivery files, Event history, Lake. */
  readonly eventsAtEventTime: number;
  readonly deliveryDelaySeconds: number;
  readonly firstEventTime?: number;
  readonly lastEventTime?: number;
  readonly volume: VolumeReport;
  readonly detections: DetectionResult[];
  readonly contributorRules: ContributorReport[];
  readonly trailHealth?: TrailHealthResult;
}

/** Every file under the given files and folders (recursively, sorted, dot-files skipped); throws when a path does not exist. */
export function listInputFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (p: string): void => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${p}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.')) walk(path.join(p, name));
    } else files.push(p);
  };
  for (const input of inputs) walk(input);
  return files;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

class DetectionState {
  matched = 0;
  /** Matches per evaluation step (a minute, or the period when shorter). */
  readonly counts = new Map<number, number>();
  readonly stepMs: number;
  /** Earliest matches first, at most sampleSize. */
  readonly samples: { t: number; summary: EventSummary; record?: string }[] = [];
  /** With `charts`: principals and source addresses of the matches. */
  readonly who?: { principals: TopCounter; sourceIps: TopCounter };

  constructor(
    readonly detection: Detection,
    readonly matches: (event: ReplayEvent) => boolean,
    private readonly sampleSize: number,
    charts: boolean,
  ) {
    this.stepMs = stepSeconds(detection.periodSeconds) * 1000;
    if (charts) this.who = { principals: new TopCounter(), sourceIps: new TopCounter() };
  }

  add(event: ReplayEvent, t: number): void {
    this.matched++;
    if (!Number.isNaN(t)) {
      const step = Math.floor(t / this.stepMs);
      this.counts.set(step, (this.counts.get(step) ?? 0) + 1);
    }
    if (this.who && typeof event !== 'string') {
      this.who.principals.add(principalOf(event));
      this.who.sourceIps.add(sourceIpOf(event));
    }
    const samples = this.samples;
    if (this.sampleSize === 0) return;
    if (samples.length < this.sampleSize || t < samples[samples.length - 1].t) {
      let i = samples.length;
      while (i > 0 && !(samples[i - 1].t <= t)) i--;
      samples.splice(i, 0, { t, summary: summarize(event, t), ...(this.who ? { record: recordText(event) } : {}) });
      if (samples.length > this.sampleSize) samples.pop();
    }
  }
}

/** A sample record as the HTML report shows it: indented JSON, cut at MAX_SAMPLE_RECORD_CHARS. */
function recordText(event: ReplayEvent): string {
  const text = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
  return text.length > MAX_SAMPLE_RECORD_CHARS ? `${text.slice(0, MAX_SAMPLE_RECORD_CHARS)}\n... (cut: ${text.length} characters in all)` : text;
}

/** Why an event time outside [EARLIEST_EVENT_TIME, now + MAX_FUTURE_MS] is not real. */
function implausible(t: number, what: string): string {
  if (Number.isNaN(t)) return `${what} is not a valid timestamp`;
  if (t < EARLIEST_EVENT_TIME) return `${what} ${new Date(t).toISOString()} is before 2013, when CloudTrail began`;
  return `${what} ${new Date(t).toISOString()} is more than a day in the future`;
}

/**
 * Events measured for the average event size: the first SIZE_SAMPLE_ALL, then one in
 * SIZE_SAMPLE_EVERY (JSON.stringify costs about as much as the parse, so measuring every event would
 * slow replay down by a third).
 */
const SIZE_SAMPLE_ALL = 256;
const SIZE_SAMPLE_EVERY = 64;

/** Principals and source addresses listed per detection in the HTML report. */
const TOP_KEYS = 10;

/** A replay in progress: feed it events (or files), then read its report. */
export class Replay {
  private readonly states: DetectionState[];
  private readonly matchers: ((event: ReplayEvent) => boolean)[];
  private readonly index: EventNameIndex;
  private readonly contributors: ContributorCounter[];
  /** eventName values the sign-in rules' filters accept (undefined: a rule without one): other events skip the rules at once. */
  private readonly contributorEventNames: ReadonlySet<unknown> | undefined;
  /** Events per slot of `granularityMs`: the log group received events then (datapoint 0 rather than missing). */
  private readonly presence = new Map<number, number>();
  private readonly granularityMs: number;
  private readonly delayMs: number;
  /** Latest plausible event time (ms): now + MAX_FUTURE_MS. */
  private readonly latest: number;
  private events = 0;
  private eventsWithoutTime = 0;
  private atLogTimestamp = 0;
  private atEventTime = 0;
  private sizeSampled = 0;
  private sizeBytes = 0;
  private first = Infinity;
  private last = -Infinity;
  private readonly problems: FileResult[] = [];
  private files = 0;
  private readonly exclusionCounter?: ExclusionCounter;

  constructor(private readonly options: ReplayOptions) {
    const sampleSize = options.sampleSize ?? 5;
    this.states = options.detections.map((d) => new DetectionState(d, options.compile(d.pattern), sampleSize, options.charts === true));
    this.matchers = this.states.map((s) => s.matches);
    this.index = new EventNameIndex(options.detections.map((d) => options.eventNames?.(d.pattern)));
    this.granularityMs = options.detections.reduce((g, d) => gcd(g, stepSeconds(d.periodSeconds)), 60) * 1000;
    this.contributors = options.contributors === null ? [] : contributorRules(options.contributors ?? CONTRIBUTOR_DEFAULTS).map((r) => new ContributorCounter(r));
    const byName = this.contributors.map((c) => c.rule.filters.find((f) => f.Match === '$.eventName')?.In);
    this.contributorEventNames = byName.every((names) => names !== undefined) ? new Set(byName.flat()) : undefined;
    this.delayMs = (options.deliveryDelaySeconds ?? 0) * 1000;
    this.latest = (options.now ?? Date.now()) + MAX_FUTURE_MS;
    if (options.exclusions?.length) this.exclusionCounter = new ExclusionCounter(options.exclusions, options.compile, options.eventNames);
  }

  /**
   * Evaluates one event against every detection and sign-in rule. Returns why the event was skipped
   * (a time that is not a real event time), or undefined.
   * The time of an event is the one a metric filter counts it at: the log-event timestamp when the
   * input carries it (`timeHint`: CloudWatch Logs exports, filter-log-events output), else eventTime
   * plus the modelled delivery delay.
   */
  readonly handle = (event: ReplayEvent, timeHint?: number): string | undefined => {
    let t = NaN;
    const eventTime = typeof event !== 'string' ? event.eventTime : undefined;
    if (eventTime !== undefined) {
      const ms = typeof eventTime === 'string' ? isoToMs(eventTime) : NaN;
      if (!(ms >= EARLIEST_EVENT_TIME && ms <= this.latest)) return implausible(ms, `eventTime ${JSON.stringify(eventTime)?.slice(0, 40)}`);
      t = ms + this.delayMs;
    }
    if (timeHint !== undefined) {
      if (!(timeHint >= EARLIEST_EVENT_TIME && timeHint <= this.latest)) return implausible(timeHint, 'log event timestamp');
      t = timeHint;
      this.atLogTimestamp++;
    } else if (!Number.isNaN(t)) this.atEventTime++;
    this.events++;
    if (this.events <= SIZE_SAMPLE_ALL || this.events % SIZE_SAMPLE_EVERY === 0) {
      this.sizeSampled++;
      this.sizeBytes += Buffer.byteLength(typeof event === 'string' ? event : JSON.stringify(event));
    }
    if (Number.isNaN(t)) this.eventsWithoutTime++;
    else {
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
      const slot = Math.floor(t / this.granularityMs);
      this.presence.set(slot, (this.presence.get(slot) ?? 0) + 1);
    }
    this.exclusionCounter?.handle(event);
    const matchers = this.matchers;
    const candidates = typeof event === 'string' ? this.index.all : this.index.candidates(event.eventName);
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k];
      if (matchers[i](event)) this.states[i].add(event, t);
    }
    if (typeof event !== 'string' && (this.contributorEventNames?.has(event.eventName) ?? true)) {
      for (const c of this.contributors) c.offer(event, t);
    }
    return undefined;
  };

  async readFile(file: string): Promise<FileResult> {
    const result = await readLogFile(file, this.handle, this.options.read);
    this.files++;
    if (result.error || result.badRecords > 0) this.problems.push(result);
    return result;
  }

  /** Events per step of `stepMs` (a multiple of the presence granularity). */
  private presenceIn(stepMs: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const [slot, count] of this.presence) {
      const step = Math.floor((slot * this.granularityMs) / stepMs);
      out.set(step, (out.get(step) ?? 0) + count);
    }
    return out;
  }

  report(): ReplayReport {
    const range = this.first <= this.last ? { first: this.first, last: this.last } : undefined;
    const presenceBy = new Map<number, Map<number, number>>();
    const presence = (stepMs: number): Map<number, number> => presenceBy.get(stepMs) ?? presenceBy.set(stepMs, this.presenceIn(stepMs)).get(stepMs) ?? new Map();
    const empty: AlarmSummary = { alarms: 0, rangeDependent: 0, maxDatapoint: 0, transitions: [] };
    const removed = this.exclusionCounter?.report();
    const chart = this.options.charts === true;
    const detections = this.states.map((s): DetectionResult => {
      const d = s.detection;
      let alarm = empty;
      if (range) {
        const first = Math.floor(range.first / s.stepMs);
        // The log group is taken as active, with no match, before the input (the replay cannot see it).
        const series = sumSeries(s.counts, presence(s.stepMs).keys(), first);
        alarm = summarizeAlarm(d, series, first, Math.floor(range.last / s.stepMs) + 1, { chart });
      }
      return {
        id: d.id,
        title: d.title,
        severity: d.severity,
        pattern: d.pattern,
        threshold: d.threshold,
        periodSeconds: d.periodSeconds,
        evaluationPeriods: d.evaluationPeriods,
        datapointsToAlarm: d.datapointsToAlarm,
        treatMissingData: d.treatMissingData,
        matched: s.matched,
        alarm,
        samples: s.samples.map((x) => x.summary),
        ...(removed?.has(d.id) ? { exclusions: removed.get(d.id) } : {}),
        ...(s.who ? { detail: { principals: s.who.principals.top(TOP_KEYS), sourceIps: s.who.sourceIps.top(TOP_KEYS), records: s.samples.map((x) => x.record ?? '') } } : {}),
      };
    });
    const spanDays = range ? (range.last - range.first) / 86_400_000 : 0;
    return {
      files: this.files,
      problems: [...this.problems],
      events: this.events,
      eventsWithoutTime: this.eventsWithoutTime,
      eventsAtLogTimestamp: this.atLogTimestamp,
      eventsAtEventTime: this.atEventTime,
      deliveryDelaySeconds: this.delayMs / 1000,
      ...(range ? { firstEventTime: range.first, lastEventTime: range.last } : {}),
      volume: {
        sampled: this.sizeSampled,
        ...(this.sizeSampled > 0 ? { averageEventBytes: Math.round(this.sizeBytes / this.sizeSampled) } : {}),
        ...(spanDays * 1440 >= 1 ? { eventsPerDay: Math.round((this.events - this.eventsWithoutTime) / spanDays) } : {}),
      },
      detections,
      contributorRules: this.contributors.map((c) => c.report(range, undefined, { chart })),
      ...(this.options.trailHealth === null || !range ? {} : { trailHealth: replayTrailHealth(this.options.trailHealth ?? TRAIL_HEALTH_DEFAULTS, range, presence(60_000), { chart }) }),
    };
  }
}

/** Replays every file under `inputs`, one file at a time. */
export async function runReplay(inputs: readonly string[], options: ReplayOptions): Promise<ReplayReport> {
  const files = listInputFiles(inputs);
  const replay = new Replay(options);
  let done = 0;
  for (const file of files) {
    const result = await replay.readFile(file);
    options.onFile?.(result, ++done, files.length);
  }
  return replay.report();
}
