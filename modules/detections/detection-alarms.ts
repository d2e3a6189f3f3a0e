/**
 * Turns a list of detections into one CloudWatch Logs metric filter and one CloudWatch alarm each,
 * on the organization trail's log group, routed by severity. Usable on its own with any log group
 * that receives CloudTrail events and any AlarmRouting.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AlarmContext } from '../common/alarm-description';
import type { AlarmRouting } from '../common/alarm-routing';
import { ValidationError, type Problem } from '../common/errors';
import { detectionAlarmDescription } from './alarm-text';
import type { Detection } from './detection';
import { detectionListProblems, detectionProblems } from './validate';

export { detectionAlarmDescription } from './alarm-text';

/** CloudWatch namespace of the detection metrics when none is given. */
export const DEFAULT_DETECTION_NAMESPACE = 'trailwatch';
/** Tag on every detection alarm naming its detection id. */
export const DETECTION_TAG = 'trailwatch:detection';

/** Props of DetectionAlarms. Invalid props or detections throw one ValidationError listing every problem. */
export interface DetectionAlarmsProps {
  /** Log group the trail delivers to (a plain config-derived name, not a token). Required. */
  readonly logGroupName: string;
  /**
   * What must exist before anything here names the log group: the log group resource when the same stack
   * creates it. The name above is a literal (plan-time known), which carries no dependency; without this
   * Terraform creates the metric filters in parallel with the log group and PutMetricFilter fails with ResourceNotFoundException.
   * @default [] (the log group exists already, e.g. a trail this stack does not manage)
   */
  readonly logGroupDependsOn?: readonly ITerraformDependable[];
  /** Detections to turn into filters and alarms, e.g. `enabledDetections(env)`. Required. */
  readonly detections: readonly Detection[];
  /** Alarm actions per severity (the alert-topics module implements it). Required. */
  readonly routing: AlarmRouting;
  /** Environment, account, region and log group named in every alarm description. Required. */
  readonly context: AlarmContext;
  /** Start of every filter and alarm name, `<namingPrefix>-<environment>` (config/naming.ts resourcePrefix). Required. */
  readonly namePrefix: string;
  /** CloudWatch namespace of the metrics. @default "trailwatch" */
  readonly metricNamespace?: string;
  /**
   * Metric filters other constructs put on the same log group, counted against the quota of 100.
   * @default 0
   */
  readonly otherMetricFiltersOnLogGroup?: number;
}

/** The resources made for one detection. */
export interface DetectionResources {
  readonly filter: CloudwatchLogMetricFilter;
  readonly alarm: CloudwatchMetricAlarm;
}

/** A metric filter, a metric and an alarm per detection, on one log group; detections are checked (ids, patterns, alarm settings) before anything is created. */
export class DetectionAlarms extends Construct {
  /** Filter and alarm per detection id. */
  public readonly byId: ReadonlyMap<string, DetectionResources>;

  constructor(scope: Construct, id: string, props: DetectionAlarmsProps) {
    super(scope, id);
    validateProps(this.node.path, props);
    const namespace = props.metricNamespace ?? DEFAULT_DETECTION_NAMESPACE;
    const byId = new Map<string, DetectionResources>();

    for (const detection of props.detections) {
      const name = `${props.namePrefix}-${detection.id}`;
      const filter = new CloudwatchLogMetricFilter(this, `filter-${detection.id}`, {
        name,
        logGroupName: props.logGroupName,
        pattern: detection.pattern,
        ...(props.logGroupDependsOn?.length ? { dependsOn: [...props.logGroupDependsOn] } : {}),
        metricTransformation: {
          name,
          namespace,
          value: '1',
          // 0 in every period without a match keeps the metric continuous, so the alarm sees OK, not missing data.
          defaultValue: '0',
          unit: 'Count',
        },
      });
      const actions = props.routing.actionsFor(detection.severity);
      const alarm = new CloudwatchMetricAlarm(this, `alarm-${detection.id}`, {
        alarmName: name,
        alarmDescription: detectionAlarmDescription(detection, props.context),
        namespace,
        metricName: name,
        statistic: detection.statistic,
        period: detection.periodSeconds,
        evaluationPeriods: detection.evaluationPeriods,
        datapointsToAlarm: detection.datapointsToAlarm,
        threshold: detection.threshold,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: detection.treatMissingData,
        actionsEnabled: true,
        alarmActions: actions.alarmActions,
        okActions: actions.okActions,
        insufficientDataActions: actions.insufficientDataActions,
        tags: { [DETECTION_TAG]: detection.id, 'trailwatch:severity': detection.severity },
        dependsOn: [filter, ...(actions.dependsOn ?? [])],
      });
      byId.set(detection.id, { filter, alarm });
    }
    this.byId = byId;
  }
}

function validateProps(subject: string, props: DetectionAlarmsProps): void {
  const problems: Problem[] = [];
  if (!props.logGroupName || !/^[\w\-./#]{1,512}$/.test(props.logGroupName)) {
    problems.push({ path: 'logGroupName', message: `"${props.logGroupName}" must be 1-512 characters of letters, digits and _-./#` });
  }
  if (!/^[a-z0-9][a-z0-9-]{0,100}$/.test(props.namePrefix ?? '')) {
    problems.push({ path: 'namePrefix', message: `"${props.namePrefix}" must be lower-case letters, digits and hyphens (resourcePrefix(env))` });
  }
  if (props.metricNamespace !== undefined && !/^(?!AWS\/)[A-Za-z0-9._\/#-]{1,255}$/.test(props.metricNamespace)) {
    problems.push({ path: 'metricNamespace', message: `"${props.metricNamespace}" must be 1-255 letters, digits and ._/#-, not starting with "AWS/"` });
  }
  for (const detection of props.detections) {
    const where = `detections[${detection.id}]`;
    const own = detectionProblems(detection);
    problems.push(...own.map((p) => ({ path: `${where}.${p.path}`, message: p.message })));
    if (own.length === 0) {
      try {
        detectionAlarmDescription(detection, props.context);
      } catch (e) {
        problems.push({ path: `${where}.description`, message: (e as Error).message });
      }
    }
  }
  problems.push(
    ...detectionListProblems(props.detections, props.otherMetricFiltersOnLogGroup ?? 0).map((p) => ({
      path: p.path ? `detections[${p.path}]` : 'detections',
      message: p.message,
    })),
  );
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
