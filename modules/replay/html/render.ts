/**
 * The replay report as one self-contained HTML page (`trailwatch replay ... --html <file>`): per
 * detection, per sign-in rule and for the trail-health alarm, a chart of the datapoints the alarm
 * evaluated against its threshold, with the alarm's states as bands; the state changes; who and where
 * the matches came from; and the sample events with their records. Tables are plain HTML (readable
 * without the script); the charts are drawn by uPlot from a JSON block. Nothing is fetched at view time,
 * and a Content-Security-Policy allows only the page's own inline scripts and styles, by hash.
 *
 * Reads a ReplayReport made with `charts: true` (AlarmSummary.series, DetectionResult.detail); what it
 * lacks is left out of the page, so a report from another engine (the backtest) renders the same way.
 */
import type { AlarmState } from '../../alarm-model';
import type { AlarmSeries } from '../alarm-series';
import type { AlarmSummary } from '../alarm-summary';
import type { ContributorReport } from '../contributors';
import { msToIso } from '../event-time';
import type { DetectionResult, ReplayReport } from '../replay';
import { duration, rule as ruleText } from '../report';
import type { TopKeys } from '../top-counter';
import { reportAssets } from './assets';
import { cspHash, escapeHtml as esc, escapeUntrusted as untrusted, jsonForScript } from './escape';

/** What the page says about how it was made. */
export interface HtmlReportOptions {
  /** What the detections came from, e.g. `environment acme-prod (config/acme-prod.yaml)`. */
  readonly source: string;
  /** The command that made the report, in the title. @default 'trailwatch replay' */
  readonly command?: string;
  /** When the report was made. @default now */
  readonly generatedAt?: Date;
}

/** One chart as the page's script draws it (page.js). */
interface ChartData {
  readonly id: number;
  /** What a datapoint is (the legend). */
  readonly label: string;
  /** The same, short enough for the y axis. */
  readonly axis: string;
  readonly threshold: number;
  /** The datapoints breach the threshold from above (`>=`, detections) or from below (`<`, trail health). */
  readonly below: boolean;
  readonly start: number;
  readonly bucketMs: number;
  readonly values: (number | null)[];
  /** [time (ms), state entered], in time order; INSUFFICIENT_DATA before the first. */
  readonly states: [number, AlarmState][];
}

/** State changes listed per alarm; the rest are counted (all of them are in --json). */
const MAX_TRANSITION_ROWS = 50;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function table(head: string[], rows: string[][], numeric: number[] = [], cls = ''): string {
  const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function alarmsCell(a: AlarmSummary): string {
  return a.alarmsIfRange ? `${a.alarms}<span class="range" title="depends on the evaluation range">*</span>` : String(a.alarms);
}

/** Bands drawn per chart at most; an alarm that changed state more often is drawn at the chart's resolution. */
const MAX_BANDS = 2000;

/**
 * The alarm's states for the chart: every transition, or, for an alarm with more than MAX_BANDS of
 * them, one state per bucket of the series (ALARM when the alarm was in ALARM at any time in the
 * bucket, else its state at the bucket's end), so a year of a noisy alarm stays a small page.
 */
export function bandStates(a: AlarmSummary, s: AlarmSeries): [number, AlarmState][] {
  const ts = a.transitions;
  if (ts.length <= MAX_BANDS) return ts.map((t) => [t.time, t.to]);
  const out: [number, AlarmState][] = [];
  let state: AlarmState = 'INSUFFICIENT_DATA';
  let i = 0;
  for (let k = 0; k < s.values.length; k++) {
    const start = s.start + k * s.bucketMs;
    const end = start + s.bucketMs;
    while (i < ts.length && ts[i].time <= start) state = ts[i++].to;
    let alarm = state === 'ALARM';
    while (i < ts.length && ts[i].time < end) {
      state = ts[i++].to;
      if (state === 'ALARM') alarm = true;
    }
    const shown = alarm ? 'ALARM' : state;
    if (shown !== (out.length ? out[out.length - 1][1] : 'INSUFFICIENT_DATA')) out.push([start, shown]);
  }
  return out;
}

/** The chart placeholder of one alarm, and its data for page.js (none when the input had no timed event). */
function chart(charts: ChartData[], a: AlarmSummary, label: string, axis: string, threshold: number, below = false): string {
  const s: AlarmSeries | undefined = a.series;
  if (!s) return '<p class="note">No chart: no event of the input had a usable time.</p>';
  const id = charts.length;
  const states = bandStates(a, s);
  charts.push({ id, label, axis, threshold, below, start: s.start, bucketMs: s.bucketMs, values: s.values, states });
  const bucket = s.bucketMs > 60_000 ? ` Each point is the largest datapoint of ${duration(s.bucketMs / 1000)}.` : '';
  const coarse = states.length < a.transitions.length ? ` With ${a.transitions.length.toLocaleString('en-US')} state changes, the bands are drawn per ${duration(s.bucketMs / 1000)}: red where the alarm was in ALARM at any time.` : '';
  return `<figure class="chart" data-chart="${id}" aria-label="${esc(label)} against the threshold ${threshold}"></figure><p class="note">${esc(label)}, evaluated every ${s.bucketMs < 60_000 ? duration(s.bucketMs / 1000) : 'minute'}; the dashed line is the threshold; a gap is a missing datapoint (no log event in the period).${bucket}${coarse} Drag across the chart to zoom in, double-click to zoom out.</p>`;
}

/** The state changes of an alarm, ALARM rows marked, those raised by an older datapoint of the range flagged. */
function transitionsTable(a: AlarmSummary, what: string): string {
  if (a.transitions.length === 0) return '<p>No state change: the alarm stayed in INSUFFICIENT_DATA (no datapoint).</p>';
  const rows = a.transitions.slice(0, MAX_TRANSITION_ROWS).map((t) => {
    const fromRange = t.to === 'ALARM' && t.value === undefined;
    const value = t.value === undefined ? `<span class="missing">missing</span>${fromRange ? ' <span class="flag" title="the newest datapoint is missing; an older one in the evaluation range breached">older datapoint in the range breached</span>' : ''}` : String(t.value);
    return [esc(msToIso(t.time)), `<span class="state s-${t.from}">${t.from}</span>`, `<span class="state s-${t.to}">${t.to}</span>`, value];
  });
  const more = a.transitions.length > MAX_TRANSITION_ROWS ? `<p class="note">... and ${plural(a.transitions.length - MAX_TRANSITION_ROWS, 'more state change')} (all of them are in <code>--json</code>).</p>` : '';
  const range = a.alarmsIfRange
    ? `<p class="note"><span class="range">*</span> ${plural(a.alarms, 'ALARM transition')} with an evaluation range of N + 2 datapoints; ${a.alarmsIfRange.n} with N, ${a.alarmsIfRange.wide} with 2N + 2 (CloudWatch does not document the range).</p>`
    : '';
  return table(['time (UTC)', 'from', 'to', `newest ${esc(what)}`], rows, [3], 'transitions') + more + range;
}

/** Up to OPEN_TRANSITIONS state changes are shown; more are folded (the chart shows them at a glance). */
const OPEN_TRANSITIONS = 10;

function stateChanges(a: AlarmSummary, what: string): string {
  const n = a.transitions.length;
  return `<details class="changes"${n <= OPEN_TRANSITIONS ? ' open' : ''}><summary>${plural(n, 'state change')}, ${plural(a.alarms, 'to ALARM', 'to ALARM')}</summary>${transitionsTable(a, what)}</details>`;
}

function topTable(title: string, keys: TopKeys | undefined, matched: number): string {
  if (!keys || keys.top.length === 0) return '';
  const rows = keys.top.map((k) => [`<span class="key">${untrusted(k.key)}</span>`, String(k.count)]);
  const rest = matched - keys.top.reduce((s, k) => s + k.count, 0);
  const note = [
    rest > 0 ? `${plural(rest, 'other match', 'other matches')} from ${plural(keys.distinct - keys.top.length + (keys.untracked > 0 ? 1 : 0), 'other key')}${keys.untracked > 0 ? ' or more' : ''}` : '',
    keys.untracked > 0 ? `${plural(keys.untracked, 'match', 'matches')} of keys seen after the first ${keys.distinct.toLocaleString('en-US')} not attributed` : '',
  ].filter(Boolean);
  return `<div class="top"><h4>${esc(title)}</h4>${table([esc(title.replace(/^Top /, '')), 'matches'], rows, [1])}${note.length ? `<p class="note">${note.join('; ')}</p>` : ''}</div>`;
}

function samplesTable(d: DetectionResult): string {
  if (d.samples.length === 0) return '';
  const records = d.detail?.records;
  const rows = d.samples.map((s, i) => {
    const record = records?.[i] ? `<details class="record"><summary>record</summary><pre>${untrusted(records[i])}</pre></details>` : '';
    return [esc(s.time), untrusted(s.account), `<span class="key">${untrusted(s.principal)}</span>`, untrusted(s.sourceIp), untrusted(s.eventName), record];
  });
  return `<h3>First matching events</h3>${table(['time (UTC)', 'account', 'principal', 'source address', 'event', ''], rows, [], 'samples')}`;
}

function detectionSection(d: DetectionResult, i: number, charts: ChartData[]): string {
  const a = d.alarm;
  const exclusions = d.exclusions?.length
    ? `<h3>Left out by exclusions</h3>${table(['removed', 'by'], d.exclusions.map((x) => [String(x.removed), `${esc(x.source)}: ${untrusted(x.label)}`]), [0])}`
    : '';
  const who = d.detail ? `<div class="tops">${topTable('Top principals', d.detail.principals, d.matched)}${topTable('Top source addresses', d.detail.sourceIps, d.matched)}</div>` : '';
  return `<section class="alarm detection" id="d${i}">
<h2><span class="sev sev-${esc(d.severity)}">${esc(d.severity)}</span> ${esc(d.id)}: ${untrusted(d.title)}</h2>
<p>${plural(d.matched, 'match', 'matches')}; largest Sum in ${duration(d.periodSeconds)}: ${a.maxDatapoint}; ${plural(a.alarms, 'alarm')}${a.alarmsIfRange ? '<span class="range">*</span>' : ''}. Alarm: Sum of matches ${esc(ruleText(d))}, missing data ${esc(d.treatMissingData)}.</p>
<p class="pattern"><code>${untrusted(d.pattern)}</code></p>
${chart(charts, a, `Sum of matches in ${duration(d.periodSeconds)}`, `matches / ${duration(d.periodSeconds)}`, d.threshold)}
${d.matched > 0 || a.transitions.length > 0 ? stateChanges(a, 'Sum') : ''}
${exclusions}${who}${samplesTable(d)}
</section>`;
}

function ruleSection(r: ContributorReport, i: number, charts: ChartData[]): string {
  const top = r.top.length
    ? `<h3>Top contributors</h3>${table(['key', 'matches', `most in ${duration(r.periodSeconds)}`], r.top.map((x) => [`<span class="key">${untrusted(x.key)}</span>`, String(x.total), String(x.maxInPeriod)]), [1, 2])}`
    : '';
  const alarmsFor = r.alarmsFor.length
    ? `<h3>Who raised each alarm</h3>${table(['time (UTC)', 'top contributor', 'count'], r.alarmsFor.slice(0, MAX_TRANSITION_ROWS).map((x) => [esc(msToIso(x.time)), `<span class="key">${untrusted(x.key)}</span>`, String(x.count)]), [2])}`
    : '';
  return `<section class="alarm rule" id="r${i}">
<h2>${esc(r.name)}: ${untrusted(r.title)}</h2>
<p>${plural(r.matched, 'match', 'matches')} from ${plural(r.distinct, 'key')} (${r.keys.map((k) => `<code>${untrusted(k)}</code>`).join(', ')}); largest count of one key in ${duration(r.periodSeconds)}: ${r.alarm.maxDatapoint}; ${plural(r.alarm.alarms, 'alarm')}${r.alarm.alarmsIfRange ? '<span class="range">*</span>' : ''}. Alarm: MaxContributorValue ${esc(ruleText({ ...r, datapointsToAlarm: r.evaluationPeriods }))}, missing data notBreaching.</p>
${chart(charts, r.alarm, `MaxContributorValue in ${duration(r.periodSeconds)}`, `top key / ${duration(r.periodSeconds)}`, r.threshold)}
${r.matched > 0 || r.alarm.transitions.length > 0 ? stateChanges(r.alarm, 'MaxContributorValue') : ''}
${top}${alarmsFor}
</section>`;
}

function trailHealthSection(report: ReplayReport, charts: ChartData[]): string {
  const t = report.trailHealth;
  if (!t) return '';
  const after =
    t.firesAfterLastEvent !== undefined && report.lastEventTime !== undefined
      ? `<p>Had delivery stopped after the last event, the alarm would have gone to ALARM at ${esc(msToIso(t.firesAfterLastEvent))}.</p>`
      : '';
  return `<section class="alarm trail-health" id="trail-health">
<h2>Trail health: IncomingLogEvents &lt; 1 in ${duration(t.windowSeconds)}${t.evaluationPeriods > 1 ? ` for ${t.evaluationPeriods} periods` : ''}</h2>
<p>${plural(t.alarm.alarms, 'alarm')} within the input${t.alarm.alarms ? ' (a gap in the input, or in delivery)' : ''}; missing data breaching.</p>
${chart(charts, t.alarm, `IncomingLogEvents in ${duration(t.windowSeconds)}`, `events / ${duration(t.windowSeconds)}`, 1, true)}
${after}${stateChanges(t.alarm, 'events')}
</section>`;
}

function summary(report: ReplayReport): string {
  const rows = report.detections.map((d, i) => [
    `<a href="#d${i}">${esc(d.id)}</a>`,
    `<span class="sev sev-${esc(d.severity)}">${esc(d.severity)}</span>`,
    String(d.matched),
    String(d.alarm.maxDatapoint),
    alarmsCell(d.alarm),
    esc(ruleText(d)),
  ]);
  const rules = report.contributorRules.map((r, i) => [`<a href="#r${i}">${esc(r.name)}</a>`, String(r.matched), String(r.distinct), String(r.alarm.maxDatapoint), alarmsCell(r.alarm)]);
  return `<h2>Detections</h2>${table(['detection', 'severity', 'matched', 'max/period', 'alarms', 'alarm rule'], rows, [2, 3, 4], 'summary')}
${rules.length ? `<h2>Sign-in rules (Contributor Insights)</h2>${table(['rule', 'matched', 'distinct', 'max/period', 'alarms'], rules, [1, 2, 3, 4], 'summary')}` : ''}
${[...report.detections.map((d) => d.alarm), ...report.contributorRules.map((r) => r.alarm)].some((a) => a.alarmsIfRange) ? '<p class="note"><span class="range">*</span> the number of ALARM transitions depends on the evaluation range CloudWatch retrieves, which its documentation leaves open: see the alarm\'s section.</p>' : ''}`;
}

function problems(report: ReplayReport): string {
  if (report.problems.length === 0) return '';
  const rows = report.problems.map((p) => [untrusted(p.file), p.error ? untrusted(p.error) : `${plural(p.badRecords, 'record')} skipped${p.firstBadRecord ? ` (${untrusted(p.firstBadRecord)})` : ''}`, String(p.events)]);
  return `<section id="problems"><h2>Files with problems</h2>${table(['file', 'problem', 'events read'], rows, [2])}</section>`;
}

/** The page, as one string of HTML. */
export function renderHtml(report: ReplayReport, options: HtmlReportOptions): string {
  const assets = reportAssets();
  const command = options.command ?? 'trailwatch replay';
  const charts: ChartData[] = [];
  const sections = [
    ...report.detections.map((d, i) => detectionSection(d, i, charts)),
    ...report.contributorRules.map((r, i) => ruleSection(r, i, charts)),
    trailHealthSection(report, charts),
  ].join('\n');
  const span =
    report.firstEventTime !== undefined ? `, ${esc(msToIso(report.firstEventTime))} to ${esc(msToIso(report.lastEventTime ?? report.firstEventTime))} (UTC)` : '';
  const notes = [
    report.eventsWithoutTime > 0 ? `${plural(report.eventsWithoutTime, 'event')} had no usable time: counted, but in no period.` : '',
    report.eventsAtEventTime > 0 ? `${plural(report.eventsAtEventTime, 'event')} placed at ${report.eventsAtEventTime === 1 ? 'its' : 'their'} eventTime${report.deliveryDelaySeconds ? ` + ${report.deliveryDelaySeconds} s` : ''}: real alarms come later, when CloudTrail delivers to CloudWatch Logs (typically within minutes).` : '',
    report.eventsAtLogTimestamp > 0 ? `${plural(report.eventsAtLogTimestamp, 'event')} placed at ${report.eventsAtLogTimestamp === 1 ? 'its' : 'their'} CloudWatch Logs timestamp, the time metric filters count at.` : '',
  ].filter(Boolean);
  const data = jsonForScript({ charts });
  const generated = (options.generatedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(assets.uplotScript)} ${cspHash(assets.pageScript)}`,
    `style-src ${cspHash(assets.uplotStyle)} ${cspHash(assets.pageStyle)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const licence = assets.uplotLicence.replace(/--/g, '- -');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(command)}: ${esc(options.source)}</title>
<style>${assets.uplotStyle}</style>
<style>${assets.pageStyle}</style>
</head>
<body>
<header>
<h1>${esc(command)}</h1>
<p>${plural(report.events, 'event')} from ${plural(report.files, 'file')}${span}. Detections: ${report.detections.length}, from ${esc(options.source)}.</p>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<p class="legend"><span class="band s-ALARM"></span> ALARM <span class="band s-INSUFFICIENT_DATA"></span> INSUFFICIENT_DATA <span class="band s-OK"></span> OK <span class="line threshold"></span> threshold</p>
</header>
<main>
${summary(report)}
${sections}
${problems(report)}
</main>
<footer><p>Made by ${esc(command)} at ${esc(generated)}. Times are UTC. Charts drawn with uPlot ${esc(assets.uplotVersion)} (MIT licence, in this page's source); nothing is loaded from the network.</p></footer>
<script type="application/json" id="trailwatch-data">${data}</script>
<!-- uPlot ${esc(assets.uplotVersion)}, https://github.com/leeoniya/uPlot
${licence}
-->
<script>${assets.uplotScript}</script>
<script>${assets.pageScript}</script>
</body>
</html>
`;
}
