/**
 * An environment's detections: the built-ins of its compliance mode, minus packs turned off and
 * disabled ids, with its overrides and extra exclusions applied, plus its custom detections.
 * Pure: config is validated first (detectionsProblems), so nothing here reports errors.
 */
import type { Environment } from '../../environment-schema';
import type { Detection } from '../../../modules/detections/detection';
import { CATALOGUE, detectionFor } from '../../../modules/detections/catalogue';
import { automationExclusion, withExclusions } from '../../../modules/detections/exclusions';

type DetectionsConfig = Environment['detections'];

/** Where a resolved detection's settings came from, so config checks can name the right field. */
export interface ResolvedDetection {
  readonly detection: Detection;
  /** Index in `detections.custom`, for custom detections. */
  readonly customIndex?: number;
  /** Exclusions appended to the pattern: automation roles first (tuned mode), then `detections.exclusions.<id>`. */
  readonly automationExcluded: boolean;
}

/** A built-in after the environment's pack, override and exclusion settings; undefined when off. */
function tunedBuiltIn(config: DetectionsConfig, entry: (typeof CATALOGUE)[number]): Detection | undefined {
  if (!config.packs[entry.pack as keyof DetectionsConfig['packs']]) return undefined;
  if (config.disabled.includes(entry.id)) return undefined;
  const base = detectionFor(entry, config.complianceMode);
  const exclusions = [...(config.exclusions[entry.id] ?? [])];
  if (config.complianceMode === 'tuned' && entry.excludesAutomation && config.automationRoleNames.length > 0) {
    exclusions.unshift(automationExclusion(config.automationRoleNames));
  }
  return {
    ...base,
    ...(config.overrides[entry.id] ?? {}),
    pattern: withExclusions(base.pattern, exclusions),
  };
}

/** The environment's custom detections as Detections (defaults already applied by the schema). */
function customDetections(config: DetectionsConfig): Detection[] {
  return config.custom.map((c) => ({
    ...c,
    statistic: 'Sum' as const,
    pack: 'custom',
    pattern: withExclusions(c.pattern, config.exclusions[c.id] ?? []),
    ...(config.overrides[c.id] ?? {}),
  }));
}

/** The section's enabled detections with where each came from, in catalogue order then custom order. */
export function resolveDetections(config: DetectionsConfig): ResolvedDetection[] {
  const automation = config.complianceMode === 'tuned' && config.automationRoleNames.length > 0;
  const builtIns = CATALOGUE.flatMap((e) => {
    const detection = tunedBuiltIn(config, e);
    return detection ? [{ detection, automationExcluded: automation && e.excludesAutomation }] : [];
  });
  const custom = customDetections(config).flatMap((detection, customIndex) =>
    config.disabled.includes(detection.id) ? [] : [{ detection, customIndex, automationExcluded: false }],
  );
  return [...builtIns, ...custom];
}

/** The environment's detections, in catalogue order then custom order. */
export function enabledDetections(env: Environment): Detection[] {
  return resolveDetections(env.detections).map((r) => r.detection);
}
