/**
 * `trailwatch replay <files or folders...> [--env <environment name or config file>] [--json] [--html <file>] [--samples <n>] [--delivery-delay <seconds>]`:
 * evaluates detections against CloudTrail logs offline and prints what would have matched and
 * alarmed (modules/replay). Without --env: every built-in detection with its catalogue defaults,
 * in the compliance mode given by --mode (default securityHub, the config default).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Environment } from '../config/environment-schema';
import { builtInDetections, type ComplianceMode } from '../modules/detections/catalogue';
import type { Detection } from '../modules/detections/detection';
import { resolveDetections } from '../config/modules/detections/resolve';
import { type FilterPattern, compileMatcher, tryParsePattern } from '../modules/patterns';
import { requiredEventNames } from '../modules/replay/event-name-index';
import { CONTRIBUTOR_DEFAULTS, type ContributorSettings } from '../modules/replay/contributors';
import { TRAIL_HEALTH_DEFAULTS } from '../modules/trail-health/window';
import { type DetectionExclusions, exclusionPattern } from '../modules/replay/exclusion-counts';
import { DEFAULT_CONTRIBUTOR_KEYS } from '../modules/replay/event-summary';
import { ProgressBar } from '../modules/replay/progress';
import { type MatcherFactory, listInputFiles, runReplay } from '../modules/replay/replay';
import { formatTable, problemLine, toJson } from '../modules/replay/report';

export interface ReplayCliOptions {
  env?: string;
  mode: ComplianceMode;
  json?: boolean;
  /** Also write the report as an HTML page to this file. */
  html?: string;
  samples: number;
  deliveryDelay: number;
}

/** The environment named by --env: a config file path, or the `name` of one under TRAILWATCH_CONFIG / config/. */
export function resolveEnvironment(target: string): { env: Environment; file: string } {
  // The config layer (yaml, zod) loads only for --env: `trailwatch --help` and a replay of the built-in
  // detections start without it.
  const { loadEnvironments, loadFile } = require('../config/load') as typeof import('../config/load');
  if (fs.statSync(target, { throwIfNoEntry: false })?.isFile()) {
    const { env, problems } = loadFile(target);
    if (!env) throw new Error(`--env ${target}: the config is invalid:\n${problems.join('\n')}`);
    return { env, file: target };
  }
  const { environments, problems } = loadEnvironments();
  const found = environments.find((e) => e.env.name === target);
  if (found) return found;
  const names = environments.map((e) => e.env.name).join(', ') || 'none';
  const why = problems.length ? `\n${problems.join('\n')}` : '';
  throw new Error(`--env ${target}: no such config file, and no environment of that name (environments: ${names}); give a config file path or a name${why}`);
}

/**
 * The environment's per-principal and per-source-IP rules as deployed (bruteForce: threshold, period,
 * evaluation periods, sources, countBy, keys); null when it turns them off; else the rules' defaults.
 */
export function contributorSettings(env: Environment | undefined): ContributorSettings | null {
  const section = env?.bruteForce;
  if (!section) return { ...CONTRIBUTOR_DEFAULTS, keys: DEFAULT_CONTRIBUTOR_KEYS };
  if (!section.enabled) return null;
  return {
    threshold: section.threshold,
    periodSeconds: section.periodSeconds,
    evaluationPeriods: section.evaluationPeriods,
    sources: section.sources,
    countBy: section.countBy,
    keys: { console: section.principalKeys.console, identityCenter: section.principalKeys.identityCenter, sourceIp: section.sourceIpKeys },
  };
}

/** The environment's trail-health alarm (null when turned off), else its defaults. */
export function trailHealthSettings(env: Environment | undefined): { windowSeconds: number; evaluationPeriods: number } | null {
  const section = env?.trailHealth;
  if (!section) return TRAIL_HEALTH_DEFAULTS;
  return section.enabled ? { windowSeconds: section.windowSeconds, evaluationPeriods: section.evaluationPeriods } : null;
}

/**
 * Parses and compiles every pattern first, so a broken one fails the run before any file is read,
 * naming the detection; returns the matcher and the eventName requirement of each pattern.
 */
export function compileAll(
  detections: readonly Detection[],
  exclusions: readonly DetectionExclusions[] = [],
): { compile: MatcherFactory; eventNames: (pattern: string) => ReadonlySet<string> | undefined } {
  const parsed = new Map<string, FilterPattern>();
  const errors: string[] = [];
  const patterns = [
    ...detections.map((d) => ({ id: d.id, pattern: d.pattern })),
    ...exclusions.flatMap((e) => [{ id: e.detectionId, pattern: e.basePattern }, ...e.exclusions.map((x) => ({ id: `${e.detectionId} ${x.source}`, pattern: exclusionPattern(x) }))]),
  ];
  for (const { id, pattern } of patterns) {
    if (parsed.has(pattern)) continue;
    const result = tryParsePattern(pattern);
    if (result.error) errors.push(`detection ${id}: ${result.error.explain()}`);
    else parsed.set(pattern, result.pattern);
  }
  if (errors.length) throw new Error(`invalid filter pattern:\n${errors.join('\n')}`);
  const get = (pattern: string): FilterPattern => {
    const p = parsed.get(pattern);
    if (!p) throw new Error(`pattern was not compiled: ${pattern}`);
    return p;
  };
  return { compile: (pattern) => compileMatcher(get(pattern)), eventNames: (pattern) => requiredEventNames(get(pattern)) };
}

/** Fails before any log is read when the --html file cannot be written (its folder missing, a folder in its place). */
function checkWritable(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--html ${file}: the folder ${dir} does not exist`);
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--html ${file}: is a folder; give a file name, e.g. ${path.join(file, 'replay.html')}`);
}

export async function replayCommand(paths: string[], options: ReplayCliOptions): Promise<void> {
  const chosen = options.env ? resolveEnvironment(options.env) : undefined;
  const resolved = chosen ? resolveDetections(chosen.env.detections) : undefined;
  const detections = resolved ? resolved.map((r) => r.detection) : builtInDetections(options.mode);
  // What each exclusion and automation role removes, for the report (an environment's only).
  const exclusions: DetectionExclusions[] = (resolved ?? [])
    .filter((r) => r.exclusions.length > 0)
    .map((r) => ({ detectionId: r.detection.id, basePattern: r.basePattern, exclusions: r.exclusions }));
  const source = chosen
    ? `environment ${chosen.env.name} (${chosen.file}, ${chosen.env.detections.complianceMode} mode)`
    : `all built-in detections with catalogue defaults (${options.mode} mode; use --env for an environment's)`;
  const { compile, eventNames } = compileAll(detections, exclusions);
  const files = listInputFiles(paths);
  if (files.length === 0) throw new Error(`no files under ${paths.join(', ')}`);
  const contributors = contributorSettings(chosen?.env);
  if (options.html !== undefined) checkWritable(options.html);

  const progress = process.stderr.isTTY
    ? new ProgressBar(files.reduce((sum, f) => sum + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0), files.length)
    : undefined;
  const report = await runReplay(paths, {
    detections,
    compile,
    eventNames,
    contributors,
    trailHealth: trailHealthSettings(chosen?.env),
    deliveryDelaySeconds: options.deliveryDelay,
    exclusions,
    sampleSize: options.samples,
    charts: options.html !== undefined,
    read: progress ? { onBytes: (n) => progress.addBytes(n) } : undefined,
    onFile: (result) => {
      if (result.error || result.badRecords > 0) {
        progress?.clear();
        process.stderr.write(`${problemLine(result)}\n`);
      }
      progress?.fileDone();
    },
  });
  progress?.clear();
  const header = { source };
  process.stdout.write(options.json ? `${JSON.stringify(toJson(report, header), null, 2)}\n` : formatTable(report, header));
  if (options.html !== undefined) {
    // The renderer (and the charting library it inlines) loads only for --html.
    const { renderHtml } = require('../modules/replay/html/render') as typeof import('../modules/replay/html/render');
    const page = renderHtml(report, header);
    fs.writeFileSync(options.html, page);
    process.stderr.write(`trailwatch replay: wrote ${options.html} (${Math.round(Buffer.byteLength(page) / 1024)} KB)\n`);
  }
  if (report.problems.length > 0) {
    const skipped = report.problems.filter((p) => p.error).length;
    process.stderr.write(`trailwatch replay: ${skipped} of ${report.files} files could not be read (or only in part); ${report.problems.length - skipped} had records skipped\n`);
  }
}
