/**
 * Checks of the `detections` section that span fields: ids that must exist, exclusions that must
 * keep one valid pattern, and every resolved detection validated like the construct validates it,
 * each problem reported at the config field that caused it.
 */
import type { AlarmContext } from '../../../modules/common/alarm-description';
import type { Problem } from '../../../modules/common/errors';
import { detectionAlarmDescription } from '../../../modules/detections/alarm-text';
import { BUILT_IN_IDS, catalogueEntry } from '../../../modules/detections/catalogue';
import type { DetectionsConfig } from './config';
import { exclusionCondition, isSelfContained, isStructured, jsonPatternBody } from '../../../modules/detections/exclusions';
import { NON_TEXT_FIELDS, missingFieldTraps, trapFix } from '../../../modules/detections/missing-fields';
import { patternMode, resolveDetections, type ResolvedDetection } from './resolve';
import { unknownIdMessage } from '../../../modules/detections/suggest';
import { detectionListProblems, detectionProblems, patternProblems } from '../../../modules/detections/validate';

const P = 'detections';

function idProblems(c: DetectionsConfig): Problem[] {
  const problems: Problem[] = [];
  const customIds = c.custom.map((d) => d.id);
  const known = [...BUILT_IN_IDS, ...customIds];
  const seen = new Set<string>();
  c.custom.forEach((d, i) => {
    if (BUILT_IN_IDS.includes(d.id)) {
      problems.push({ path: `${P}.custom[${i}].id`, message: `"${d.id}" is a built-in detection id: pick another id, or tune the built-in under detections.overrides` });
    } else if (seen.has(d.id)) {
      problems.push({ path: `${P}.custom[${i}].id`, message: `"${d.id}" is used by an earlier custom detection: ids must be unique` });
    }
    seen.add(d.id);
  });
  c.disabled.forEach((id, i) => {
    if (!known.includes(id)) problems.push({ path: `${P}.disabled[${i}]`, message: unknownIdMessage(id, known) });
  });
  for (const key of ['overrides', 'exclusions'] as const) {
    for (const id of Object.keys(c[key])) {
      if (!known.includes(id)) problems.push({ path: `${P}.${key}.${id}`, message: unknownIdMessage(id, known) });
    }
  }
  if (c.complianceMode === 'securityHub' && c.automationRoleNames.length > 0) {
    problems.push({
      path: `${P}.automationRoleNames`,
      message: 'has no effect in securityHub mode (Security Hub requires the exact patterns): set detections.complianceMode: tuned (or both), or remove it',
    });
  }
  return problems;
}

function exclusionProblems(c: DetectionsConfig): Problem[] {
  const problems: Problem[] = [];
  for (const [id, exclusions] of Object.entries(c.exclusions)) {
    const basePattern = catalogueEntry(id)?.patterns[patternMode(c.complianceMode)] ?? c.custom.find((d) => d.id === id)?.pattern;
    if (basePattern !== undefined && jsonPatternBody(basePattern) === undefined) {
      problems.push({ path: `${P}.exclusions.${id}`, message: `can only be added to a JSON pattern ({ ... }); the pattern of "${id}" is not one` });
    }
    exclusions.forEach((x, j) => {
      const freeForm = !isStructured(x);
      const path = `${P}.exclusions.${id}[${j}]${typeof x !== 'string' && x.condition !== undefined ? '.condition' : ''}`;
      const condition = exclusionCondition(x);
      if (freeForm && !isSelfContained(condition)) {
        problems.push({
          path,
          message: `"${condition}" must be one condition without braces and with balanced parentheses and quotes, e.g. ($.userIdentity.arn NOT EXISTS) || ($.userIdentity.arn != "arn:aws:sts::111111111111:assumed-role/Scanner/scan")`,
        });
        return;
      }
      if (typeof x !== 'string') {
        const tests = x.allOf ? x.allOf.map((t, k) => ({ t, at: `${path}.allOf[${k}].field` })) : x.field !== undefined ? [{ t: { field: x.field }, at: `${path}.field` }] : [];
        for (const { t, at } of tests) {
          const name = t.field.replace(/^\$\./, '');
          if (NON_TEXT_FIELDS.includes(name)) {
            problems.push({
              path: at,
              message: `"${name}" holds an object, a list or a boolean, which != never matches, so every event that has it would be left out: test one of its text fields (e.g. userIdentity.arn, userIdentity.sessionContext.sessionIssuer.userName)`,
            });
          }
        }
      }
      const syntax = patternProblems(`{ ${condition} }`);
      for (const message of syntax) problems.push({ path, message });
      if (syntax.length > 0 || !freeForm) return;
      for (const trap of missingFieldTraps(`{ ${condition} }`)) {
        problems.push({
          path,
          message: `${trap.text} is false for every event without ${trap.field} (CloudWatch: ${trap.operator} never matches a missing field), so it would leave out all of those events, not only the ones you mean: write ${trapFix(trap)}`,
        });
      }
    });
  }
  return problems;
}

/** Config path of a resolved detection's field: the override that set it, the custom field, or the override to add. */
function fieldPath(c: DetectionsConfig, r: ResolvedDetection, field: string): string {
  const id = r.detection.id;
  if (r.variant === 'securityHubExact') return `${P}.complianceMode`;
  if (field === 'pattern') {
    if (c.exclusions[id]?.length) return `${P}.exclusions.${id}`;
    if (r.automationExcluded) return `${P}.automationRoleNames`;
    return r.customIndex !== undefined ? `${P}.custom[${r.customIndex}].pattern` : `${P}.overrides.${id}`;
  }
  const override = c.overrides[id] as Record<string, unknown> | undefined;
  if (override && field in override) return `${P}.overrides.${id}.${field}`;
  if (r.customIndex !== undefined) return `${P}.custom[${r.customIndex}].${field}`;
  return `${P}.overrides.${id}`;
}

/**
 * Every problem of the `detections` section, paths relative to the environment file. With the
 * alarm context, also checks that each alarm description (with its Logs Insights query) fits.
 * `otherFiltersOnLogGroup` (existingTrail.metricFilters) counts against the 100-filter quota.
 */
export function detectionsConfigProblems(c: DetectionsConfig, context?: AlarmContext, otherFiltersOnLogGroup = 0): Problem[] {
  const problems = [...idProblems(c), ...exclusionProblems(c)];
  if (problems.length > 0) return problems; // resolving needs known ids and sound exclusions
  const resolved = resolveDetections(c);
  for (const r of resolved) {
    const own = detectionProblems(r.detection);
    for (const p of own) {
      const label = r.customIndex === undefined && p.path === 'pattern' ? `the pattern of "${r.detection.id}" with exclusions ` : '';
      problems.push({ path: fieldPath(c, r, p.path), message: `${label}${p.message}` });
    }
    if (own.length === 0 && context) {
      try {
        detectionAlarmDescription(r.detection, context);
      } catch (e) {
        problems.push({ path: fieldPath(c, r, 'pattern'), message: `the alarm of "${r.detection.id}": ${(e as Error).message}` });
      }
    }
  }
  for (const p of detectionListProblems(resolved.map((r) => r.detection), otherFiltersOnLogGroup)) problems.push({ path: P, message: p.message });
  return problems;
}

/**
 * What is valid but probably not meant, printed at synth without stopping it: a custom pattern with
 * a negation that silently skips events missing the field, and, in securityHub mode, an exclusion
 * that makes Security Hub report a control FAILED (one line per such detection).
 */
export function detectionsConfigWarnings(c: DetectionsConfig): Problem[] {
  const warnings: Problem[] = [];
  c.custom.forEach((d, i) => {
    for (const trap of missingFieldTraps(d.pattern)) {
      warnings.push({
        path: `${P}.custom[${i}].pattern`,
        message: `${trap.text} is false for every event without ${trap.field} (CloudWatch: ${trap.operator} never matches a missing field), so "${d.id}" never counts those events; if you mean "missing or different", write ($.${trap.field} NOT EXISTS) || (${trap.text})`,
      });
    }
  });
  if (c.complianceMode === 'securityHub') {
    const on = new Set(resolveDetections(c).map((r) => r.detection.id));
    for (const [id, exclusions] of Object.entries(c.exclusions)) {
      const control = catalogueEntry(id)?.references.securityHub;
      if (!control || exclusions.length === 0 || !on.has(id)) continue;
      warnings.push({
        path: `${P}.exclusions.${id}`,
        message: `Security Hub will report FAILED for ${control} because the exclusions change the exact filter pattern it requires: set detections.complianceMode: both to keep an exact copy next to the tuned detection, or remove the exclusions`,
      });
    }
  }
  return warnings;
}
