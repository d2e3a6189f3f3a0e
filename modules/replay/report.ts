/** The replay report as a table for people and as JSON for machines. */
import type { AlarmSummary } from './alarm-summary';
import type { ContributorReport } from './contributors';
import { msToIso } from './event-time';
import type { ReplayReport, TrailHealthResult, VolumeReport } from './replay';

/** What the report header says about the replay. */
export interface ReportHeader {
  /** What the detections came from, e.g. `environment acme-prod (config/acme-prod.yaml)`. */
  readonly source: string;
}

/** A period as people write it: `300` is `5 min`, `3600` is `1 h`. */
export function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 ? `${h} h ${minutes % 60} min` : `${h} h`;
}

/** An alarm's rule: `>= 3 in 5 min`, with `, M of N periods` when not 1 of 1. */
export function rule(d: { threshold: number; periodSeconds: number; datapointsToAlarm: number; evaluationPeriods: number }): string {
  const m = d.datapointsToAlarm === d.evaluationPeriods && d.evaluationPeriods === 1 ? '' : `, ${d.datapointsToAlarm} of ${d.evaluationPeriods} periods`;
  return `>= ${d.threshold} in ${duration(d.periodSeconds)}${m}`;
}

/** The ALARMS cell: the count, with the counts for the other evaluation ranges when they differ. */
function alarmsCell(a: AlarmSummary): string {
  return a.alarmsIfRange ? `${a.alarms}*` : String(a.alarms);
}

function table(rows: string[][], rightAligned: number[] = []): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

/** `ALARM <time> (<what> <value>) until <time>` per ALARM transition, at most `limit`. */
function alarmLines(a: AlarmSummary, what: string, threshold: number, limit = 10, indent = '  '): string[] {
  const lines: string[] = [];
  const ts = a.transitions;
  for (let i = 0; i < ts.length; i++) {
    if (ts[i].to !== 'ALARM') continue;
    if (lines.length === limit) {
      lines.push(`${indent}... and ${a.alarms - limit} more alarms (see --json)`);
      break;
    }
    const value = ts[i].value === undefined ? `newest ${what} missing, an older one in the evaluation range breached` : `${what} ${ts[i].value} >= ${threshold}`;
    const until = ts[i + 1] ? `, ${ts[i + 1].to} at ${msToIso(ts[i + 1].time)}` : ', still in ALARM at the end of the input';
    lines.push(`${indent}ALARM ${msToIso(ts[i].time)} (${value})${until}`);
  }
  if (a.alarmsIfRange) {
    lines.push(
      `${indent}* ${a.alarms} ALARM transitions with an evaluation range of N + 2 datapoints; ${a.alarmsIfRange.n} with N, ${a.alarmsIfRange.wide} with 2N + 2 (CloudWatch does not document the range: see "How replay evaluates alarms" in docs/replay.md)`,
    );
  }
  return lines;
}

/** What each exclusion removed, per detection with exclusions (also those it left with nothing to match). */
function exclusionLines(report: ReplayReport): string[] {
  const withExclusions = report.detections.filter((d) => d.exclusions?.length);
  if (withExclusions.length === 0) return [];
  const rows = [['DETECTION', 'REMOVED', 'BY']];
  for (const d of withExclusions) for (const x of d.exclusions ?? []) rows.push([d.id, String(x.removed), `${x.source}: ${x.label}`]);
  return ['', 'Events left out by exclusions (matched without them; an event left out by several counts for each):', ...table(rows, [1])];
}

function volumeLine(v: VolumeReport, events: number): string | undefined {
  if (v.averageEventBytes === undefined) return undefined;
  const size = `average event ${v.averageEventBytes.toLocaleString('en-US')} bytes (measured on ${v.sampled} of ${events} events)`;
  if (v.eventsPerDay === undefined) return `Volume: ${size}; the input spans under a minute, too short for a daily rate`;
  const gbPerDay = (v.eventsPerDay * v.averageEventBytes) / 1e9;
  return (
    `Volume: ${v.eventsPerDay.toLocaleString('en-US')} events/day over the input's span, ${size}: ` +
    `about ${gbPerDay < 0.01 ? gbPerDay.toFixed(4) : gbPerDay.toFixed(2)} GB/day, ${(gbPerDay * 30).toFixed(2)} GB per 30 days ingested into CloudWatch Logs`
  );
}

function timeLines(report: ReplayReport): string[] {
  const out: string[] = [];
  if (report.eventsAtEventTime > 0) {
    const delay = report.deliveryDelaySeconds ? ` + ${report.deliveryDelaySeconds} s (--delivery-delay)` : '';
    out.push(
      `Times: ${report.eventsAtEventTime} ${report.eventsAtEventTime === 1 ? 'event at its' : 'events at their'} eventTime${delay}. Metric filters count an event when it reaches the log group; ` +
        'CloudTrail delivers to CloudWatch Logs in batches, typically within a few minutes, so real alarms come later and events close in time can fall further apart or together (model a delay with --delivery-delay <seconds>)',
    );
  }
  if (report.eventsAtLogTimestamp > 0) {
    const one = report.eventsAtLogTimestamp === 1;
    out.push(`Times: ${report.eventsAtLogTimestamp} ${one ? 'event at its' : 'events at their'} CloudWatch Logs log-event timestamp, the time metric filters count ${one ? 'it' : 'them'} at`);
  }
  return out;
}

function contributorSection(rules: readonly ContributorReport[]): string[] {
  if (rules.length === 0) return [];
  const r0 = rules[0];
  const out = ['', `Sign-in rules (Contributor Insights, alarm on MaxContributorValue ${rule({ ...r0, datapointsToAlarm: r0.evaluationPeriods })}):`, ''];
  const rows = [['RULE', 'MATCHED', 'DISTINCT', 'MAX/PERIOD', 'ALARMS']];
  for (const r of rules) rows.push([r.name, String(r.matched), String(r.distinct), String(r.alarm.maxDatapoint), alarmsCell(r.alarm)]);
  out.push(...table(rows, [1, 2, 3, 4]));
  for (const r of rules.filter((x) => x.matched > 0)) {
    out.push('', `${r.name}: ${r.title} (keys ${r.keys.join(', ')})`);
    const top = [['', 'TOTAL', `MAX IN ${duration(r.periodSeconds).toUpperCase()}`]];
    for (const x of r.top) top.push([x.key, String(x.total), String(x.maxInPeriod)]);
    out.push(...table(top, [1, 2]).map((l) => `    ${l}`));
    r.alarmsFor.slice(0, 5).forEach((a) => out.push(`    ALARM ${msToIso(a.time)}: ${a.key} ${a.count} times`));
    if (r.alarmsFor.length > 5) out.push(`    ... and ${r.alarmsFor.length - 5} more alarms (see --json)`);
    if (r.alarm.alarmsIfRange) out.push(...alarmLines(r.alarm, 'MaxContributorValue', r.threshold, 0, '    ').slice(1));
  }
  return out;
}

function trailHealthSection(t: TrailHealthResult | undefined, lastEventTime: number | undefined): string[] {
  if (!t) return [];
  const within = t.alarm.alarms;
  const out = [
    '',
    `Trail health (IncomingLogEvents < 1 in ${duration(t.windowSeconds)}${t.evaluationPeriods > 1 ? ` for ${t.evaluationPeriods} periods` : ''}, missing data breaching):`,
    `  ${within} alarm${within === 1 ? '' : 's'} within the input${within ? ' (a gap in the input, or in delivery)' : ''}`,
  ];
  if (within) out.push(...alarmLines(t.alarm, 'events', 1, 5).map((l) => l.replace(/\(events (\d+) >= 1\)/, '(events $1)')));
  if (t.firesAfterLastEvent !== undefined && lastEventTime !== undefined) {
    const other = t.firesIfRange
      ? ` (${[t.firesIfRange.n, t.firesIfRange.wide].map((x, i) => `${x === undefined ? 'never' : span(x - lastEventTime)} with an evaluation range of ${i === 0 ? 'N' : '2N + 2'}`).join(', ')})`
      : '';
    out.push(`  had delivery stopped after the last event: ALARM at ${msToIso(t.firesAfterLastEvent)}, ${span(t.firesAfterLastEvent - lastEventTime)} after it${other}`);
  }
  return out;
}

/** The replay report as a table for people (`--json` gives the same as data). */
export function formatTable(report: ReplayReport, header: ReportHeader): string {
  const out: string[] = [];
  const range = report.firstEventTime !== undefined ? `, ${msToIso(report.firstEventTime)} to ${msToIso(report.lastEventTime ?? report.firstEventTime)}` : '';
  out.push(`Replayed ${report.events} events from ${report.files} files${range}`);
  out.push(`Detections: ${report.detections.length}, from ${header.source}`);
  if (report.eventsWithoutTime > 0) out.push(`${report.eventsWithoutTime} events had no time and are counted but not placed in any period`);
  out.push(...timeLines(report));
  const volume = volumeLine(report.volume, report.events);
  if (volume) out.push(volume);
  out.push('');
  const rows = [['DETECTION', 'SEVERITY', 'MATCHED', 'MAX/PERIOD', 'ALARMS', 'ALARM RULE']];
  for (const d of report.detections) {
    rows.push([d.id, d.severity, String(d.matched), String(d.alarm.maxDatapoint), alarmsCell(d.alarm), rule(d)]);
  }
  out.push(...table(rows, [2, 3, 4]));
  if (report.detections.some((d) => d.alarm.alarmsIfRange)) out.push('* the number of ALARM transitions depends on the evaluation range CloudWatch retrieves: see below');
  out.push(...exclusionLines(report));
  for (const d of report.detections.filter((x) => x.matched > 0)) {
    out.push('', `${d.id}: ${d.title}`);
    const n = d.alarm.alarms;
    out.push(`  ${d.matched} matched; largest Sum in ${duration(d.periodSeconds)}: ${d.alarm.maxDatapoint}; ${n} alarm${n === 1 ? '' : 's'} (${rule(d)})`);
    out.push(...alarmLines(d.alarm, 'Sum', d.threshold));
    if (d.samples.length > 0) {
      out.push(`  First matching events:`);
      const samples = [['TIME', 'ACCOUNT', 'PRINCIPAL', 'SOURCE IP', 'EVENT']];
      for (const s of d.samples) samples.push([s.time, s.account, s.principal, s.sourceIp, s.eventName]);
      out.push(...table(samples).map((l) => `    ${l}`));
    }
  }
  out.push(...contributorSection(report.contributorRules));
  out.push(...trailHealthSection(report.trailHealth, report.lastEventTime));
  if (report.problems.length > 0) {
    const skipped = report.problems.filter((p) => p.error).length;
    const partial = report.problems.length - skipped;
    out.push('', `${skipped} file${skipped === 1 ? '' : 's'} could not be read (or only in part), ${partial} had records skipped: each is named, with the reason, in the lines on standard error (printed before this report)`);
  }
  return `${out.join('\n')}\n`;
}

/** The report with times as ISO strings. */
export function toJson(report: ReplayReport, header: ReportHeader): object {
  const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : msToIso(ms));
  const alarm = (a: AlarmSummary) => ({
    alarms: a.alarms,
    ...(a.alarmsIfRange ? { alarmsIfRange: a.alarmsIfRange } : {}),
    rangeDependentEvaluations: a.rangeDependent,
    maxDatapoint: a.maxDatapoint,
    transitions: a.transitions.map((t) => ({ time: iso(t.time), from: t.from, to: t.to, ...(t.value === undefined ? {} : { value: t.value }) })),
  });
  const v = report.volume;
  return {
    source: header.source,
    files: report.files,
    events: report.events,
    eventsWithoutTime: report.eventsWithoutTime,
    eventsAtEventTime: report.eventsAtEventTime,
    eventsAtLogTimestamp: report.eventsAtLogTimestamp,
    deliveryDelaySeconds: report.deliveryDelaySeconds,
    firstEventTime: iso(report.firstEventTime),
    lastEventTime: iso(report.lastEventTime),
    volume: {
      ...v,
      ...(v.eventsPerDay !== undefined && v.averageEventBytes !== undefined ? { bytesPerDay: v.eventsPerDay * v.averageEventBytes } : {}),
    },
    problems: report.problems.map((p) => ({ file: p.file, error: p.error, events: p.events, badRecords: p.badRecords, firstBadRecord: p.firstBadRecord })),
    // `detail` (top keys, sample records) is for the HTML report; the JSON keeps its shape with or without --html.
    detections: report.detections.map(({ detail: _detail, ...d }) => ({ ...d, alarm: alarm(d.alarm) })),
    contributorRules: report.contributorRules.map((r) => ({ ...r, alarm: alarm(r.alarm), alarmsFor: r.alarmsFor.map((a) => ({ ...a, time: iso(a.time) })) })),
    ...(report.trailHealth
      ? {
          trailHealth: {
            ...report.trailHealth,
            alarm: alarm(report.trailHealth.alarm),
            firesAfterLastEvent: iso(report.trailHealth.firesAfterLastEvent),
            ...(report.trailHealth.firesIfRange ? { firesIfRange: { n: iso(report.trailHealth.firesIfRange.n), wide: iso(report.trailHealth.firesIfRange.wide) } } : {}),
          },
        }
      : {}),
  };
}

/** One line for stderr about a file that had problems. */
export function problemLine(p: { file: string; error?: string; events: number; badRecords: number; firstBadRecord?: string }): string {
  if (p.error) return `trailwatch replay: skipped ${p.file}: ${p.error}`;
  return `trailwatch replay: ${p.file}: ${p.badRecords} record${p.badRecords === 1 ? '' : 's'} skipped (${p.firstBadRecord}); ${p.events} events read`;
}
