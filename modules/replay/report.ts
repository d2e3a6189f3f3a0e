/** The replay report as a table for people and as JSON for machines. */
import type { ContributorReport } from './contributors';
import { msToIso } from './event-time';
import type { DetectionResult, ReplayReport } from './replay';

/** What the report header says about the replay. */
export interface ReportHeader {
  /** What the detections came from, e.g. `environment acme-prod (config/acme-prod.yaml)`. */
  readonly source: string;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function rule(d: DetectionResult): string {
  const m = d.datapointsToAlarm === d.evaluationPeriods && d.evaluationPeriods === 1 ? '' : `, ${d.datapointsToAlarm} of ${d.evaluationPeriods} periods`;
  return `>= ${d.threshold} in ${duration(d.periodSeconds)}${m}`;
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

function contributorLines(title: string, c: ContributorReport, threshold: number, periodSeconds: number): string[] {
  const lines = [`  ${title} (${c.distinct} distinct; per-principal rule: >= ${threshold} in ${duration(periodSeconds)}):`];
  const rows = [['', 'TOTAL', `MAX IN ${duration(periodSeconds).toUpperCase()}`, 'PERIODS >= THRESHOLD']];
  for (const x of c.top) rows.push([x.key, String(x.total), String(x.maxInPeriod), String(x.periodsAtThreshold)]);
  lines.push(...table(rows, [1, 2, 3]).map((l) => `    ${l}`));
  for (const p of c.alarmPeriods.slice(0, 5)) lines.push(`    ALARM ${msToIso(p.start)}: ${p.key} ${p.count} times`);
  if (c.alarmPeriods.length > 5) lines.push(`    ... and ${c.alarmPeriods.length - 5} more alarm periods`);
  return lines;
}

/** The replay report as a table for people. */
export function formatTable(report: ReplayReport, header: ReportHeader, contributorRule: { threshold: number; periodSeconds: number }): string {
  const out: string[] = [];
  const span = report.firstEventTime !== undefined ? `, ${msToIso(report.firstEventTime)} to ${msToIso(report.lastEventTime ?? report.firstEventTime)}` : '';
  out.push(`Replayed ${report.events} events from ${report.files} files${span}`);
  out.push(`Detections: ${report.detections.length}, from ${header.source}`);
  if (report.eventsWithoutTime > 0) out.push(`${report.eventsWithoutTime} events had no time and are counted but not placed in any period`);
  out.push('');
  const rows = [['DETECTION', 'SEVERITY', 'MATCHED', 'MAX/PERIOD', 'ALARMS', 'ALARM RULE']];
  for (const d of report.detections) {
    rows.push([d.id, d.severity, String(d.matched), String(d.alarm.maxSum), String(d.alarm.episodes.length), rule(d)]);
  }
  out.push(...table(rows, [2, 3, 4]));
  for (const d of report.detections.filter((x) => x.matched > 0)) {
    out.push('', `${d.id}: ${d.title}`);
    const periods = d.alarm.breachingPeriods;
    out.push(`  ${d.matched} matched; ${periods} period${periods === 1 ? '' : 's'} at or above ${d.threshold}; ${d.alarm.episodes.length} alarm${d.alarm.episodes.length === 1 ? '' : 's'}`);
    for (const e of d.alarm.episodes.slice(0, 10)) {
      const until = e.periods > 1 ? ` (stayed in ALARM ${e.periods} periods, until ${msToIso(e.lastPeriod + d.periodSeconds * 1000)})` : '';
      out.push(`  ALARM ${msToIso(e.start)}: Sum ${e.peakSum} >= ${d.threshold}${until}`);
    }
    if (d.alarm.episodes.length > 10) out.push(`  ... and ${d.alarm.episodes.length - 10} more alarms (see --json)`);
    out.push(`  First matching events:`);
    const samples = [['TIME', 'ACCOUNT', 'PRINCIPAL', 'SOURCE IP', 'EVENT']];
    for (const s of d.samples) samples.push([s.time, s.account, s.principal, s.sourceIp, s.eventName]);
    out.push(...table(samples).map((l) => `    ${l}`));
    if (d.contributors) {
      out.push(...contributorLines('By principal', d.contributors.principal, contributorRule.threshold, contributorRule.periodSeconds));
      out.push(...contributorLines('By source IP', d.contributors.sourceIp, contributorRule.threshold, contributorRule.periodSeconds));
    }
  }
  if (report.problems.length > 0) {
    const skipped = report.problems.filter((p) => p.error).length;
    const partial = report.problems.length - skipped;
    out.push('', `${skipped} file${skipped === 1 ? '' : 's'} could not be read (or only in part), ${partial} had records skipped: see the messages above`);
  }
  return `${out.join('\n')}\n`;
}

/** The report with times as ISO strings. */
export function toJson(report: ReplayReport, header: ReportHeader): object {
  const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : msToIso(ms));
  return {
    source: header.source,
    files: report.files,
    events: report.events,
    eventsWithoutTime: report.eventsWithoutTime,
    firstEventTime: iso(report.firstEventTime),
    lastEventTime: iso(report.lastEventTime),
    problems: report.problems.map((p) => ({ file: p.file, error: p.error, events: p.events, badRecords: p.badRecords, firstBadRecord: p.firstBadRecord })),
    detections: report.detections.map((d) => ({
      ...d,
      alarm: {
        breachingPeriods: d.alarm.breachingPeriods,
        maxSum: d.alarm.maxSum,
        alarms: d.alarm.episodes.map((e) => ({ start: iso(e.start), lastPeriod: iso(e.lastPeriod), periods: e.periods, peakSum: e.peakSum })),
      },
      ...(d.contributors
        ? {
            contributors: Object.fromEntries(
              Object.entries(d.contributors).map(([k, c]) => [k, { ...c, alarmPeriods: c.alarmPeriods.map((p) => ({ ...p, start: iso(p.start) })) }]),
            ),
          }
        : {}),
    })),
  };
}

/** One line for stderr about a file that had problems. */
export function problemLine(p: { file: string; error?: string; events: number; badRecords: number; firstBadRecord?: string }): string {
  if (p.error) return `trailwatch replay: skipped ${p.file}: ${p.error}`;
  return `trailwatch replay: ${p.file}: ${p.badRecords} record${p.badRecords === 1 ? '' : 's'} skipped (${p.firstBadRecord}); ${p.events} events read`;
}
