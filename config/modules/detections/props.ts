/** From an environment's config to DetectionAlarms props: the stack passes its trail's log group and its routing. */
import type { Environment } from '../../environment-schema';
import { alarmContext, resourcePrefix } from '../../naming';
import type { AlarmRouting } from '../../../modules/common/alarm-routing';
import type { DetectionAlarmsProps } from '../../../modules/detections/detection-alarms';
import { enabledDetections } from './resolve';
import { foreignMetricFilters } from '../organization-trail/config';

/** The DetectionAlarms props of a validated environment, on the given log group with the given routing. */
export function detectionAlarmsProps(env: Environment, logGroupName: string, routing: AlarmRouting): DetectionAlarmsProps {
  return {
    logGroupName,
    detections: enabledDetections(env),
    routing,
    context: alarmContext(env, logGroupName),
    namePrefix: resourcePrefix(env),
    metricNamespace: env.detections.metricNamespace,
    // The sign-in brute-force and trail-health modules use Contributor Insights and AWS/Logs metrics:
    // they put no metric filters on the log group; an existing trail's log group may carry its own.
    otherMetricFiltersOnLogGroup: foreignMetricFilters(env),
  };
}
