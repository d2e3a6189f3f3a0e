/** The text of a detection's alarm (no cdktf here: the config checks use it too). */
import { ALARM_DESCRIPTION_LIMIT, alarmDescription, type AlarmContext } from '../common/alarm-description';
import { parsePattern, toInsightsQuery } from '../patterns';
import type { Detection } from './detection';

/**
 * The alarm description: title and advice, then where to look (environment, log group, query, link).
 * A long Logs Insights query (many terms or exclusions) leaves little room: the advice is then
 * dropped before the query, because the query is what leads to the evidence.
 */
export function detectionAlarmDescription(detection: Detection, context: AlarmContext): string {
  const insightsQuery = toInsightsQuery(parsePattern(detection.pattern));
  const headline = `[${detection.severity}] ${detection.title}.`;
  try {
    return alarmDescription({ summary: `${headline} ${detection.description}`, context, insightsQuery });
  } catch {
    try {
      return alarmDescription({ summary: headline, context, insightsQuery });
    } catch {
      throw new Error(
        `its Logs Insights query (${insightsQuery.length} characters) leaves no room in CloudWatch's ${ALARM_DESCRIPTION_LIMIT}-character alarm description: use fewer exclusions or automation roles, or a shorter pattern`,
      );
    }
  }
}
