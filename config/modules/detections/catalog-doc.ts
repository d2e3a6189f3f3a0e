/**
 * docs/detections.md, generated from the catalogue and the example environments (`npm run catalog`),
 * so the documentation can never drift from what is deployed. A test fails when the file is stale.
 */
import type { LoadedEnvironment } from '../../load';
import type { Detection } from '../../../modules/detections/detection';
import { CATALOGUE, type CatalogueEntry } from '../../../modules/detections/catalogue';
import { patternMode, resolveDetections, SECURITY_HUB_COPY_SUFFIX, type ResolvedDetection } from './resolve';

export const CATALOG_FILE = 'docs/detections.md';

const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;

function seconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** "≥ 3 in 5 min", or "≥ 3 in 2 of 3 × 5 min" when several periods are evaluated. */
export function alarmWindow(d: Pick<Detection, 'threshold' | 'periodSeconds' | 'evaluationPeriods' | 'datapointsToAlarm'>): string {
  const periods = d.evaluationPeriods === 1 ? seconds(d.periodSeconds) : `${d.datapointsToAlarm} of ${d.evaluationPeriods} × ${seconds(d.periodSeconds)}`;
  return `≥ ${d.threshold} in ${periods}`;
}

function cisRefs(e: { references: Detection['references'] }): string {
  return Object.entries(e.references.cis ?? {})
    .map(([v, item]) => `${v}: ${item}`)
    .join(', ');
}

function detectionTable(): string[] {
  const rows = CATALOGUE.map((e) =>
    [
      code(e.id),
      e.title,
      e.pack,
      e.severity,
      alarmWindow(e),
      cisRefs(e),
      e.references.securityHub ?? '',
      (e.references.mitreAttack ?? []).join(', '),
    ].join(' | '),
  );
  return [
    '| id | title | pack | severity | default alarm | CIS | Security Hub | MITRE ATT&CK |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ];
}

function patternSection(e: CatalogueEntry): string[] {
  const lines = [`### ${e.id}`, '', e.description, ''];
  if (e.patterns.tuned === e.patterns.securityHub) {
    lines.push('Pattern (both modes):', '', '```', e.patterns.securityHub, '```');
  } else {
    lines.push('Pattern, `securityHub` mode:', '', '```', e.patterns.securityHub, '```', '');
    lines.push(`Pattern, \`tuned\` mode (${e.tunedBecause}):`, '', '```', e.patterns.tuned, '```');
  }
  if (e.excludesAutomation) lines.push('', 'In `tuned` and `both` modes, calls by `detections.automationRoleNames` are left out.');
  return [...lines, ''];
}

function failingControls(): string[] {
  const changed = CATALOGUE.filter((e) => e.references.securityHub && e.patterns.tuned !== e.patterns.securityHub);
  const automation = CATALOGUE.filter((e) => e.references.securityHub && e.excludesAutomation && e.patterns.tuned === e.patterns.securityHub);
  return [
    `- Always: ${changed.map((e) => `${e.references.securityHub} (${code(e.id)})`).join(', ')}.`,
    `- Also, when \`automationRoleNames\` is set: ${automation.map((e) => `${e.references.securityHub} (${code(e.id)})`).join(', ')}.`,
    '- Any control whose detection gets `detections.exclusions`, in `securityHub` or `tuned` mode (synth prints a warning in `securityHub` mode).',
  ];
}

/** The pairs `both` mode deploys for the catalogue alone (an environment's exclusions and automation roles add more). */
function bothModePairs(): string[] {
  const rows = CATALOGUE.filter((e) => e.references.securityHub && e.patterns.tuned !== e.patterns.securityHub).map(
    (e) => `| ${code(e.id)} (tuned, own severity ${e.severity}) | ${code(`${e.id}${SECURITY_HUB_COPY_SUFFIX}`)} (exact, \`securityHubSeverity\`) | ${e.references.securityHub} |`,
  );
  return ['| pages (tuned pattern) | keeps the control passing (exact pattern) | control |', '|---|---|---|', ...rows];
}

function changedFields(r: ResolvedDetection, mode: 'securityHub' | 'tuned' | 'both'): string {
  const d = r.detection;
  if (r.variant === 'securityHubExact') {
    const e = CATALOGUE.find((x) => `${x.id}${SECURITY_HUB_COPY_SUFFIX}` === d.id);
    return `Security Hub-exact copy of ${code(e?.id ?? d.id)} (${e?.references.securityHub}), severity ${d.severity}`;
  }
  const e = CATALOGUE.find((x) => x.id === d.id);
  if (!e) return 'custom';
  const fields = ['threshold', 'periodSeconds', 'evaluationPeriods', 'datapointsToAlarm', 'treatMissingData', 'severity'] as const;
  const changes: string[] = fields.filter((f) => d[f] !== e[f]).map((f) => `${f} ${d[f]}`);
  if (d.pattern !== e.patterns[patternMode(mode)]) changes.push('pattern with exclusions');
  if (r.variant === 'tuned') changes.push('tuned pattern (pages)');
  return changes.join(', ');
}

function environmentSection({ file, env }: LoadedEnvironment): string[] {
  const c = env.detections;
  const resolved = resolveDetections(c);
  const on = new Set(resolved.map((r) => r.detection.id));
  const lines = [
    `### ${env.name} (${file})`,
    '',
    `Mode \`${c.complianceMode}\`, namespace \`${c.metricNamespace}\`, ${resolved.length} detections on` +
      (c.automationRoleNames.length ? `, automation roles left out: ${c.automationRoleNames.map(code).join(', ')}` : '') +
      '.',
    '',
  ];
  const off = CATALOGUE.filter((e) => !on.has(e.id)).map((e) => code(e.id));
  if (off.length) lines.push(`Off: ${off.join(', ')}.`, '');
  lines.push('| detection | severity | alarm | changed from the catalogue |', '|---|---|---|---|');
  for (const r of resolved) {
    lines.push(`| ${code(r.detection.id)} | ${r.detection.severity} | ${alarmWindow(r.detection)} | ${changedFields(r, c.complianceMode)} |`);
  }
  const excluded = resolved.flatMap((r) => r.exclusions.filter((x) => x.source.startsWith('exclusions.')).map((x) => ({ id: r.detection.id, x })));
  if (excluded.length) {
    lines.push('', 'Exclusions (events left out, and why):', '');
    for (const { id, x } of excluded) lines.push(`- ${code(id)}: ${x.label} — \`${x.condition}\``);
  }
  return [...lines, ''];
}

/** The whole of docs/detections.md. */
export function renderCatalog(environments: readonly LoadedEnvironment[]): string {
  return [
    '# Detections',
    '',
    '<!-- Generated by `npm run catalog` from modules/detections/catalogue and config/*.yaml. Do not edit. -->',
    '',
    'Every detection becomes one CloudWatch Logs metric filter (value 1, default 0) and one CloudWatch alarm',
    '(`<namingPrefix>-<environment>-<id>`, statistic Sum, `GreaterThanOrEqualToThreshold`) on the organization',
    "trail's log group, routed to the alert topics by severity. Tune them per environment under `detections:`",
    '(see [tuning.md](tuning.md)).',
    '',
    '## Catalogue',
    '',
    ...detectionTable(),
    '',
    '## Compliance modes',
    '',
    '`securityHub` (the default) emits the filter patterns AWS Security Hub controls CloudWatch.1-14 require,',
    'byte for byte: the controls fail when "additional fields or terms" are added. `tuned` fixes known misses and',
    'noise (below, per detection); the Security Hub controls whose pattern then differs report FAILED:',
    '',
    ...failingControls(),
    '',
    '`both` deploys the tuned detections and, for each control whose pattern then differs, a second filter and',
    'alarm with the exact pattern, named `<id>-security-hub` and routed at `detections.securityHubSeverity`',
    '(default `info`): the control passes and only the tuned alarm pages at the detection\'s own severity. Every',
    'pair counts twice against the 100 metric filters per log group. From the catalogue alone:',
    '',
    ...bothModePairs(),
    '',
    'plus, per environment, every detection naming a control that gets `exclusions` or `automationRoleNames`.',
    '',
    '## Patterns',
    '',
    ...CATALOGUE.flatMap(patternSection),
    '## Example environments',
    '',
    ...environments.flatMap(environmentSection),
  ].join('\n');
}
