/** The text of a detection's alarm (no cdktf here: the config checks use it too). */
import { ALARM_DESCRIPTION_LIMIT, alarmDescription, type AlarmContext } from '../common/alarm-description';
import { BoundedCache } from '../common/bounded-cache';
import { parsePattern, toInsightsQuery } from '../patterns';
import { insightsFilter } from '../patterns/insights';
import type { Detection } from './detection';

/**
 * The alarm description: title and advice, then where to look (environment, log group, query, link).
 * The console link repeats the query, encoded, so a long query leaves little room. Tried in order,
 * first fit wins: advice with the full query (fields, sort, limit) and the link; advice with the
 * query's filter alone (Logs Insights then shows @timestamp and @message, newest first) and the link;
 * the same two with the title only; then without the link, the query text still being what leads
 * to the evidence. Only when nothing fits is it an error.
 */
export function detectionAlarmDescription(detection: Detection, context: AlarmContext): string {
  // Config checks, the construct's own checks and the alarm each ask for the same text: build it once
  // (a pure function of these fields; a third of an example synth was spent rebuilding it).
  const key = JSON.stringify([detection.pattern, detection.severity, detection.title, detection.description, context.environment, context.managementAccountId, context.region, context.logGroupName]);
  return built.get(key, () => buildDescription(detection, context));
}

/** Descriptions already built, by detection text and context (a few kB per environment). */
const built = new BoundedCache<string>();

/** A pattern's two Logs Insights queries, by pattern text: the same detections recur in every environment. */
const queriesByPattern = new BoundedCache<{ fullQuery: string; shortQuery: string }>();

function queriesFor(patternText: string): { fullQuery: string; shortQuery: string } {
  return queriesByPattern.get(patternText, () => {
    const pattern = parsePattern(patternText);
    const fullQuery = toInsightsQuery(pattern);
    return { fullQuery, shortQuery: insightsFilter(pattern) ?? fullQuery };
  });
}

function buildDescription(detection: Detection, context: AlarmContext): string {
  const { fullQuery, shortQuery } = queriesFor(detection.pattern);
  const headline = `[${detection.severity}] ${detection.title}.`;
  const advice = `${headline} ${detection.description}`;
  const attempts: { summary: string; insightsQuery: string; requireLink: boolean }[] = [
    { summary: advice, insightsQuery: fullQuery, requireLink: true },
    { summary: advice, insightsQuery: shortQuery, requireLink: true },
    { summary: headline, insightsQuery: fullQuery, requireLink: true },
    { summary: headline, insightsQuery: shortQuery, requireLink: true },
    { summary: advice, insightsQuery: fullQuery, requireLink: false },
    { summary: headline, insightsQuery: fullQuery, requireLink: false },
  ];
  for (const attempt of attempts) {
    try {
      return alarmDescription({ ...attempt, context });
    } catch {
      // too long: try the next, shorter form
    }
  }
  throw new Error(
    `its Logs Insights query (${fullQuery.length} characters) leaves no room in CloudWatch's ${ALARM_DESCRIPTION_LIMIT}-character alarm description: use fewer exclusions or automation roles, or a shorter pattern`,
  );
}
