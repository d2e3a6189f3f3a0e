/**
 * The pull-request comment: a summary table, then one section per stack that changes (stacks with
 * stop signs first), stop signs before detection, routing and policy changes. GitHub rejects comments
 * over 65,536 characters: when the full text is longer, the folded lists of resource changes go first,
 * then the folded details, then lines from the end, and the comment says so plainly.
 */
import type { Section } from './finding';
import type { StackReview } from './review';

/**
 * GitHub's limit on an issue or pull-request comment body: 65,536 characters. The comment is kept
 * under it counted in UTF-8 bytes (⚠️, ≥ and → are several bytes), which is never fewer than characters.
 */
export const GITHUB_COMMENT_LIMIT = 65536;

const size = (text: string) => Buffer.byteLength(text, 'utf8');

/** First line of every comment, so a pipeline can find its own comment and update it in place. */
export const COMMENT_MARKER = '<!-- trailwatch-review -->';

const HEADINGS: Record<Section, string> = {
  stop: '🛑 Stop signs',
  detections: 'Detections',
  routing: 'Routing',
  policies: 'Policies',
};

interface Detail {
  readonly level: 'changes' | 'details';
}

type Line = string | (Detail & { readonly text: string });

const stops = (s: StackReview) => s.findings.filter((f) => f.section === 'stop').length;
const weak = (s: StackReview) => s.findings.filter((f) => f.weakening).length;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function folded(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function stackLines(s: StackReview): Line[] {
  const c = s.counts;
  const lines: Line[] = [`### ${s.environment}: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy, ${c.replace} to replace`, ''];
  if (s.findings.length === 0) lines.push('No security-relevant change found by the review; the resource changes are listed below.', '');
  for (const section of Object.keys(HEADINGS) as Section[]) {
    const findings = s.findings.filter((f) => f.section === section);
    if (findings.length === 0) continue;
    lines.push(`#### ${HEADINGS[section]}`, '');
    for (const f of findings) {
      lines.push(`- ${f.weakening && section !== 'stop' ? '⚠️ ' : ''}${f.text}`);
      if (f.details) lines.push({ level: 'details', text: indent(folded('details', f.details)) });
    }
    lines.push('');
  }
  if (s.changes.length > 0) {
    const body = s.changes.map((ch) => `- ${ch.kind} \`${ch.address}\``).join('\n');
    lines.push({ level: 'changes', text: folded(`All ${plural(s.changes.length, 'resource change')} (${s.file})`, body) }, '');
  }
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}

/** The `--fail-on` outcome, shown under the title. */
export interface GateOutcome {
  readonly failOn: readonly string[];
  /** Gate name → environments where it tripped. */
  readonly tripped: ReadonlyMap<string, readonly string[]>;
}

function gateLine(gate: GateOutcome): string {
  if (gate.tripped.size === 0) return `**Check passed:** nothing matched \`--fail-on ${gate.failOn.join(',')}\`.`;
  const what = [...gate.tripped].map(([g, envs]) => `\`${g}\` (${envs.join(', ')})`).join('; ');
  return `**Check failed:** ${what}. A reviewer who has read the stop signs and weakening changes below can approve anyway.`;
}

function header(reviews: readonly StackReview[], gate?: GateOutcome): string[] {
  const totalStops = reviews.reduce((n, s) => n + stops(s), 0);
  const totalWeak = reviews.reduce((n, s) => n + weak(s), 0);
  const title = `## trailwatch review: ${plural(reviews.length, 'stack')}, ${plural(totalStops, 'stop sign')}, ${plural(totalWeak, 'weakening change')}`;
  const rows = reviews
    .filter((s) => s.changes.length > 0)
    .map((s) => `| ${s.environment} | ${s.counts.add} | ${s.counts.change} | ${s.counts.destroy} | ${s.counts.replace} | ${stops(s) ? `**${stops(s)}**` : 0} | ${weak(s)} |`);
  const unchanged = reviews.filter((s) => s.changes.length === 0).map((s) => s.environment);
  const out = [COMMENT_MARKER, title, ''];
  if (gate) out.push(gateLine(gate), '');
  if (rows.length) out.push('| environment | add | change | destroy | replace | stop signs | weakening |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows, '');
  if (unchanged.length) out.push(`No changes: ${unchanged.join(', ')}.`, '');
  return out;
}

/** Stacks with stop signs first, then with weakening changes, then the rest; plan order otherwise. */
function ordered(reviews: readonly StackReview[]): StackReview[] {
  const rank = (s: StackReview) => (stops(s) ? 0 : weak(s) ? 1 : 2);
  return reviews
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

function join(lines: readonly Line[], drop: ReadonlySet<Detail['level']>): string {
  return lines
    .filter((l) => typeof l === 'string' || !drop.has(l.level))
    .map((l) => (typeof l === 'string' ? l : l.text))
    .join('\n');
}

/** The comment's Markdown, at most `limit` characters. */
export function renderComment(reviews: readonly StackReview[], options: { gate?: GateOutcome; limit?: number } = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const lines: Line[] = [...header(reviews, options.gate), ...ordered(reviews).filter((s) => s.changes.length > 0).flatMap(stackLines)];
  const attempts: [Set<Detail['level']>, string][] = [
    [new Set(), ''],
    [new Set(['changes']), '_The folded lists of resource changes are left out to keep this comment under GitHub\'s 65,536-character limit; the plans are in the pipeline\'s artifacts._'],
    [new Set(['changes', 'details']), '_Folded details (pattern diffs, policy statements, resource lists) are left out to keep this comment under GitHub\'s 65,536-character limit; the plans are in the pipeline\'s artifacts._'],
  ];
  for (const [drop, note] of attempts) {
    const text = `${join(lines, drop)}${note ? `\n${note}\n` : ''}`;
    if (size(text) <= limit) return text;
  }
  // Still too long: keep whole lines from the top (summary and stop signs come first).
  const plain = join(lines, new Set(['changes', 'details'])).split('\n');
  const kept: string[] = [];
  let used = 0;
  const reserve = 400;
  for (const line of plain) {
    if (used + size(line) + 1 > limit - reserve) break;
    kept.push(line);
    used += size(line) + 1;
  }
  const left = plain.length - kept.length;
  kept.push('', `**TRUNCATED: ${plural(left, 'more line')} of this review are not shown** (GitHub's comment limit is 65,536 characters). Run \`npx trailwatch review\` on the plans in the pipeline's artifacts for the whole review.`);
  return `${kept.join('\n')}\n`;
}
