/**
 * What CloudWatch accepts for a metric filter and its alarm, checked at synth so that a bad value
 * fails in seconds with the field named, not at apply time. Shared by the config checks (paths
 * into the config file) and the DetectionAlarms construct (paths per detection).
 */
import { tryParsePattern } from '../patterns';
import type { Problem } from '../common/errors';
import { isSeverity } from '../common/severity';
import type { Detection } from './detection';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../common/cloudwatch-limits';
import { BoundedCache } from '../common/bounded-cache';

/** CloudWatch Logs: at most 100 metric filters per log group (a hard quota). */
export const MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
/** PutMetricFilter filterPattern: 0-1024 characters. */
export const MAX_PATTERN_LENGTH = 1024;

export const DETECTION_ID = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;
const TREAT_MISSING = ['notBreaching', 'breaching', 'ignore', 'missing'];

export function isValidPeriod(seconds: number): boolean {
  return Number.isInteger(seconds) && (seconds === 10 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0));
}

/** Problems of one detection; each path is the Detection field (`periodSeconds`, `pattern`, ...). */
export function detectionProblems(d: Detection): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!DETECTION_ID.test(d.id)) add('id', `"${d.id}" must be 3-64 lower-case letters, digits and hyphens, starting with a letter`);
  if (!d.title?.trim()) add('title', 'must not be empty');
  if (!(typeof d.threshold === 'number' && Number.isFinite(d.threshold) && d.threshold > 0)) {
    add('threshold', `${d.threshold} must be greater than 0: the alarm fires when this many events are counted in one period`);
  }
  if (!isValidPeriod(d.periodSeconds)) add('periodSeconds', `${d.periodSeconds} must be 10, 30 or a multiple of 60 seconds`);
  const periodsOk = Number.isInteger(d.evaluationPeriods) && d.evaluationPeriods >= 1;
  if (!periodsOk) add('evaluationPeriods', `${d.evaluationPeriods} must be a whole number >= 1`);
  else if (isValidPeriod(d.periodSeconds) && d.evaluationPeriods * d.periodSeconds > MAX_EVALUATION_WINDOW_SECONDS) {
    add(
      'evaluationPeriods',
      `${d.evaluationPeriods} x periodSeconds ${d.periodSeconds} = ${d.evaluationPeriods * d.periodSeconds} s is over one day (86400 s): lower evaluationPeriods to at most ${Math.floor(MAX_EVALUATION_WINDOW_SECONDS / d.periodSeconds)} or shorten the period`,
    );
  }
  if (!(Number.isInteger(d.datapointsToAlarm) && d.datapointsToAlarm >= 1)) {
    add('datapointsToAlarm', `${d.datapointsToAlarm} must be a whole number >= 1`);
  } else if (periodsOk && d.datapointsToAlarm > d.evaluationPeriods) {
    add('datapointsToAlarm', `${d.datapointsToAlarm} must be at most evaluationPeriods (${d.evaluationPeriods})`);
  }
  if (!TREAT_MISSING.includes(d.treatMissingData)) add('treatMissingData', `"${d.treatMissingData}" must be one of ${TREAT_MISSING.join(', ')}`);
  if (!isSeverity(d.severity)) add('severity', `"${d.severity}" must be one of critical, high, medium, low, info`);
  problems.push(...patternProblems(d.pattern).map((message) => ({ path: 'pattern', message })));
  return problems;
}

/** Why a filter pattern would be rejected (length, emptiness, syntax); empty when it is fine. */
export function patternProblems(pattern: string): string[] {
  // The same patterns recur in every environment and are checked by the config layer and the
  // construct alike: parse each once.
  return [...checkedPatterns.get(pattern, () => checkPattern(pattern))];
}

const checkedPatterns = new BoundedCache<readonly string[]>();

function checkPattern(pattern: string): string[] {
  if (!pattern.trim()) return ['must not be empty (an empty pattern counts every event)'];
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return [`is ${pattern.length} characters, over the CloudWatch Logs limit of ${MAX_PATTERN_LENGTH}: shorten it (fewer terms or exclusions)`];
  }
  const parsed = tryParsePattern(pattern);
  return parsed.error ? [parsed.error.explain()] : [];
}

/** Problems of a whole list on one log group: duplicate ids, the 100-filter quota. */
export function detectionListProblems(detections: readonly Detection[], otherFiltersOnLogGroup = 0): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const d of detections) {
    if (seen.has(d.id)) problems.push({ path: d.id, message: `detection id "${d.id}" is used twice: ids name resources and must be unique` });
    seen.add(d.id);
  }
  const total = detections.length + otherFiltersOnLogGroup;
  if (total > MAX_METRIC_FILTERS_PER_LOG_GROUP) {
    problems.push({
      path: '',
      message: `${total} metric filters on one log group (${detections.length} detections${otherFiltersOnLogGroup ? ` + ${otherFiltersOnLogGroup} other filters` : ''}) is over the CloudWatch Logs quota of ${MAX_METRIC_FILTERS_PER_LOG_GROUP}: disable detections or packs`,
    });
  }
  return problems;
}
