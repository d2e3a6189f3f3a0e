/**
 * An environment's detections: the built-ins of its compliance mode, minus packs turned off and
 * disabled ids, with its overrides and exclusions applied, plus its custom detections. In `both`
 * mode, each built-in whose tuned pattern differs from its Security Hub control's exact one comes
 * twice: the tuned detection (its own id and severity) and a Security Hub-exact copy.
 * Pure: config is validated first (detectionsProblems), so nothing here reports errors.
 */
import type { Environment } from '../../environment-schema';
import type { Detection } from '../../../modules/detections/detection';
import { CATALOGUE, detectionFor, type ComplianceMode } from '../../../modules/detections/catalogue';
import { automationExclusion, exclusionCondition, exclusionLabel, withExclusions } from '../../../modules/detections/exclusions';

type DetectionsConfig = Environment['detections'];

/** Id suffix of the Security Hub-exact copy of a built-in in `both` mode: `unauthorized-api-calls-security-hub`. */
export const SECURITY_HUB_COPY_SUFFIX = '-security-hub';

/** One condition appended to a detection's pattern, with where it came from. */
export interface AppliedExclusion {
  /** The config field it came from: `exclusions.<id>[<n>]` or `automationRoleNames[<n>]`. */
  readonly source: string;
  /** Its reason (structured), its condition (free-form) or the role name (automation). */
  readonly label: string;
  /** The condition an event must meet to be kept (an event that fails it is left out). */
  readonly condition: string;
}

/** Where a resolved detection's settings came from, so config checks, docs and replay can name them. */
export interface ResolvedDetection {
  readonly detection: Detection;
  /** Index in `detections.custom`, for custom detections. */
  readonly customIndex?: number;
  /** Exclusions appended to the pattern: automation roles first (tuned and both modes), then `detections.exclusions.<id>`. */
  readonly automationExcluded: boolean;
  /** The pattern before any exclusion. */
  readonly basePattern: string;
  /** Each exclusion on its own (automation roles one per role), in the order they were appended. */
  readonly exclusions: readonly AppliedExclusion[];
  /**
   * `both` mode only: `tuned` for the detection routed by its own severity, `securityHubExact` for
   * the copy with the control's exact pattern, routed at `securityHubSeverity`.
   */
  readonly variant?: 'tuned' | 'securityHubExact';
}

/** The catalogue patterns a mode uses: `both` deploys the tuned ones (plus the exact copies). */
export function patternMode(mode: DetectionsConfig['complianceMode']): ComplianceMode {
  return mode === 'securityHub' ? 'securityHub' : 'tuned';
}

function appliedExclusions(config: DetectionsConfig, id: string, automation: boolean): AppliedExclusion[] {
  const roles = automation
    ? config.automationRoleNames.map((r, i) => ({ source: `automationRoleNames[${i}]`, label: r, condition: automationExclusion([r]) }))
    : [];
  const own = (config.exclusions[id] ?? []).map((x, i) => ({ source: `exclusions.${id}[${i}]`, label: exclusionLabel(x), condition: exclusionCondition(x) }));
  return [...roles, ...own];
}

/** The conditions appended to the pattern: all automation roles as one condition, then each exclusion. */
function appendedConditions(config: DetectionsConfig, id: string, automation: boolean): string[] {
  const own = (config.exclusions[id] ?? []).map(exclusionCondition);
  return automation ? [automationExclusion(config.automationRoleNames), ...own] : own;
}

/** A built-in after the environment's pack, override and exclusion settings, and its exact copy in both mode; [] when off. */
function tunedBuiltIn(config: DetectionsConfig, entry: (typeof CATALOGUE)[number]): ResolvedDetection[] {
  if (!config.packs[entry.pack as keyof DetectionsConfig['packs']]) return [];
  if (config.disabled.includes(entry.id)) return [];
  const base = detectionFor(entry, patternMode(config.complianceMode));
  const automation = config.complianceMode !== 'securityHub' && entry.excludesAutomation && config.automationRoleNames.length > 0;
  const detection = {
    ...base,
    ...(config.overrides[entry.id] ?? {}),
    pattern: withExclusions(base.pattern, appendedConditions(config, entry.id, automation)),
  };
  const resolved: ResolvedDetection = {
    detection,
    automationExcluded: automation,
    basePattern: base.pattern,
    exclusions: appliedExclusions(config, entry.id, automation),
  };
  const control = entry.references.securityHub;
  if (config.complianceMode !== 'both' || !control || detection.pattern === entry.patterns.securityHub) return [resolved];
  const exact = detectionFor(entry, 'securityHub');
  const copy: Detection = {
    ...exact,
    id: `${entry.id}${SECURITY_HUB_COPY_SUFFIX}`,
    title: `${entry.title} (Security Hub ${control} exact pattern)`,
    description: `Compliance copy: the exact pattern AWS Security Hub ${control} requires, so the control passes. The tuned detection ${entry.id} is the one routed by its own severity. ${entry.description}`,
    severity: config.securityHubSeverity,
  };
  return [
    { ...resolved, variant: 'tuned' },
    { detection: copy, automationExcluded: false, basePattern: exact.pattern, exclusions: [], variant: 'securityHubExact' },
  ];
}

/** The environment's custom detections as resolved detections (defaults already applied by the schema). */
function customDetections(config: DetectionsConfig): ResolvedDetection[] {
  return config.custom.map((c, customIndex) => ({
    detection: {
      ...c,
      statistic: 'Sum' as const,
      pack: 'custom',
      pattern: withExclusions(c.pattern, appendedConditions(config, c.id, false)),
      ...(config.overrides[c.id] ?? {}),
    },
    customIndex,
    automationExcluded: false,
    basePattern: c.pattern,
    exclusions: appliedExclusions(config, c.id, false),
  }));
}

/** The section's enabled detections with where each came from, in catalogue order then custom order. */
export function resolveDetections(config: DetectionsConfig): ResolvedDetection[] {
  const builtIns = CATALOGUE.flatMap((e) => tunedBuiltIn(config, e));
  const custom = customDetections(config).filter((r) => !config.disabled.includes(r.detection.id));
  return [...builtIns, ...custom];
}

/** The environment's detections, in catalogue order then custom order. */
export function enabledDetections(env: Environment): Detection[] {
  return resolveDetections(env.detections).map((r) => r.detection);
}
