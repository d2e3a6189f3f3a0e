/**
 * The replay engine: streams log files through every detection's matcher and keeps, per detection,
 * only what the report needs (match count, Sum per period, a few sample events, per-principal
 * counts for sign-in failures). Memory grows with the time span and the number of distinct
 * failing principals, never with the number of events or the size of the files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Detection } from '../detections/detection';
import { type AlarmReplay, periodStart, replayAlarm } from './alarm';
import { CONTRIBUTOR_DEFAULTS, ContributorCounter, type ContributorReport, type ContributorSettings, SIGN_IN_FAILURE_DETECTIONS } from './contributors';
import { EventNameIndex } from './event-name-index';
import { isoToMs } from './event-time';
import { type ContributorKeys, DEFAULT_CONTRIBUTOR_KEYS, type EventSummary, contributorKey, contributorPrincipalOf, summarize } from './event-summary';
import type { ReplayEvent } from './formats';
import { type FileResult, type ReadOptions, readLogFile } from './read-file';

/** Turns a filter pattern into a predicate (the pattern engine's parsePattern + compileMatcher). */
export type MatcherFactory = (pattern: string) => (event: ReplayEvent) => boolean;

/** What to replay the log files through, and how. */
export interface ReplayOptions {
  readonly detections: readonly Detection[];
  readonly compile: MatcherFactory;
  /**
   * The eventName values a pattern can match (undefined: any), so a detection runs only on events it
   * could match (see event-name-index.ts). Without it every detection runs on every event.
   */
  readonly eventNames?: (pattern: string) => ReadonlySet<string> | undefined;
  /** Matching events listed per detection (the earliest ones). @default 5 */
  readonly sampleSize?: number;
  /** The per-principal rule mirrored for sign-in failure detections. @default 3 in 300 s */
  readonly contributors?: ContributorSettings;
  /** Passed to the file reader. */
  readonly read?: ReadOptions;
  /** Called after each file, e.g. to report a skipped file or move a progress bar. */
  readonly onFile?: (result: FileResult, done: number, total: number) => void;
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
  readonly alarm: AlarmReplay;
  readonly samples: EventSummary[];
  /** Sign-in failure detections only: counts per principal and per source IP. */
  readonly contributors?: { readonly principal: ContributorReport; readonly sourceIp: ContributorReport };
}

/** The result of a replay: files, events, problems, and a result per detection. */
export interface ReplayReport {
  readonly files: number;
  /** Files that could not be read completely, or had records that were skipped. */
  readonly problems: FileResult[];
  readonly events: number;
  /** Events without a usable time (not placed in any period). */
  readonly eventsWithoutTime: number;
  readonly firstEventTime?: number;
  readonly lastEventTime?: number;
  readonly detections: DetectionResult[];
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
  readonly sums = new Map<number, number>();
  /** Earliest matches first, at most sampleSize. */
  readonly samples: { t: number; summary: EventSummary }[] = [];
  readonly byPrincipal?: ContributorCounter;
  readonly byIp?: ContributorCounter;
  private readonly keys: ContributorKeys;

  constructor(
    readonly detection: Detection,
    readonly matches: (event: ReplayEvent) => boolean,
    private readonly sampleSize: number,
    contributors: ContributorSettings,
  ) {
    this.keys = contributors.keys ?? DEFAULT_CONTRIBUTOR_KEYS;
    if (SIGN_IN_FAILURE_DETECTIONS.includes(detection.id)) {
      this.byPrincipal = new ContributorCounter('principal', contributors);
      this.byIp = new ContributorCounter('sourceIp', contributors);
    }
  }

  add(event: ReplayEvent, t: number): void {
    this.matched++;
    if (!Number.isNaN(t)) {
      const start = periodStart(t, this.detection.periodSeconds);
      this.sums.set(start, (this.sums.get(start) ?? 0) + 1);
    }
    const samples = this.samples;
    if (samples.length < this.sampleSize || t < samples[samples.length - 1].t) {
      let i = samples.length;
      while (i > 0 && !(samples[i - 1].t <= t)) i--;
      samples.splice(i, 0, { t, summary: summarize(event, t) });
      if (samples.length > this.sampleSize) samples.pop();
    }
    if (this.byPrincipal && this.byIp && typeof event !== 'string') {
      this.byPrincipal.add(contributorPrincipalOf(event, this.keys), t);
      this.byIp.add(contributorKey(event, this.keys.sourceIp), t);
    }
  }
}

/** A replay in progress: feed it events (or files), then read its report. */
export class Replay {
  private readonly states: DetectionState[];
  private readonly matchers: ((event: ReplayEvent) => boolean)[];
  private readonly index: EventNameIndex;
  /** Slots (of `granularityMs`) in which the input had at least one event: datapoint 0 rather than missing. */
  private readonly presence = new Set<number>();
  private readonly granularityMs: number;
  private events = 0;
  private eventsWithoutTime = 0;
  private first = Infinity;
  private last = -Infinity;
  private readonly problems: FileResult[] = [];
  private files = 0;

  constructor(private readonly options: ReplayOptions) {
    const sampleSize = options.sampleSize ?? 5;
    const contributors = options.contributors ?? CONTRIBUTOR_DEFAULTS;
    this.states = options.detections.map((d) => new DetectionState(d, options.compile(d.pattern), sampleSize, contributors));
    this.matchers = this.states.map((s) => s.matches);
    this.index = new EventNameIndex(options.detections.map((d) => options.eventNames?.(d.pattern)));
    this.granularityMs = options.detections.reduce((g, d) => gcd(g, d.periodSeconds), 60) * 1000;
  }

  /** Evaluates one event against every detection. */
  readonly handle = (event: ReplayEvent, timeHint?: number): void => {
    this.events++;
    let t = NaN;
    if (typeof event !== 'string' && typeof event.eventTime === 'string') t = isoToMs(event.eventTime);
    if (Number.isNaN(t) && timeHint !== undefined) t = timeHint;
    if (Number.isNaN(t)) this.eventsWithoutTime++;
    else {
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
      this.presence.add(Math.floor(t / this.granularityMs));
    }
    const matchers = this.matchers;
    const candidates = typeof event === 'string' ? this.index.all : this.index.candidates(event.eventName);
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k];
      if (matchers[i](event)) this.states[i].add(event, t);
    }
  };

  async readFile(file: string): Promise<FileResult> {
    const result = await readLogFile(file, this.handle, this.options.read);
    this.files++;
    if (result.error || result.badRecords > 0) this.problems.push(result);
    return result;
  }

  report(): ReplayReport {
    const range = this.first <= this.last ? { first: this.first, last: this.last } : undefined;
    const detections = this.states.map((s): DetectionResult => {
      const d = s.detection;
      const periodMs = d.periodSeconds * 1000;
      const present = new Set<number>();
      for (const slot of this.presence) present.add(Math.floor((slot * this.granularityMs) / periodMs) * periodMs);
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
        alarm: replayAlarm(d, s.sums, present, range),
        samples: s.samples.map((x) => x.summary),
        ...(s.byPrincipal && s.byIp ? { contributors: { principal: s.byPrincipal.report(), sourceIp: s.byIp.report() } } : {}),
      };
    });
    return {
      files: this.files,
      problems: [...this.problems],
      events: this.events,
      eventsWithoutTime: this.eventsWithoutTime,
      ...(range ? { firstEventTime: range.first, lastEventTime: range.last } : {}),
      detections,
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
