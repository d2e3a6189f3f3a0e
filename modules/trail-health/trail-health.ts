/**
 * The alarm that fires when the trail stops delivering: when no event reaches the trail's log group
 * for a whole window, every other trailwatch alarm goes quiet and looks healthy, so this one pages at
 * the highest severity by default. Missing data counts as breaching: a log group that has stopped
 * receiving publishes no IncomingLogEvents at all, not zeros.
 */
import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { alarmDescription, type AlarmContext } from '../common/alarm-description';
import type { AlarmRouting } from '../common/alarm-routing';
import { ValidationError, type Problem } from '../common/errors';
import { isSeverity, SEVERITIES, type Severity } from '../common/severity';

import { MIN_WINDOW_SECONDS, TRAIL_HEALTH_DEFAULTS } from './window';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../common/cloudwatch-limits';

export { MIN_WINDOW_SECONDS, TRAIL_HEALTH_DEFAULTS };

/** Props of TrailHealth. Invalid props throw one ValidationError listing every problem (trailHealthPropsProblems). */
export interface TrailHealthProps {
  /** Log group the trail delivers to (a plain config-derived name, not a token). Required. */
  readonly logGroupName: string;
  /** Alarm actions per severity (the alert-topics module implements it). Required. */
  readonly routing: AlarmRouting;
  /** Environment, account, region and log group named in the alarm description. Required. */
  readonly context: AlarmContext;
  /** Start of the alarm name, `<namingPrefix>-<environment>` (config/naming.ts resourcePrefix). Required. */
  readonly namePrefix: string;
  /** Alarm when no event arrived for this long: the alarm period, a multiple of 60 from 900 to 86400 seconds. @default 3600 */
  readonly windowSeconds?: number;
  /** Consecutive empty windows before ALARM (windowSeconds x this <= 86400). @default 1 */
  readonly evaluationPeriods?: number;
  /** Severity of the alarm, which decides the alert topics. @default "critical" (HIGHEST_SEVERITY) */
  readonly severity?: Severity;
  /** ARN of the trail, put in the alarm's get-trail-status advice. @default the placeholder "<trail ARN>" */
  readonly trailArn?: string;
}

/** The alarm that fires when the trail stops delivering events to its log group (AWS/Logs IncomingLogEvents missing or zero). */
export class TrailHealth extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: TrailHealthProps) {
    super(scope, id);
    const problems = trailHealthPropsProblems(props);
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    const windowSeconds = props.windowSeconds ?? TRAIL_HEALTH_DEFAULTS.windowSeconds;
    const evaluationPeriods = props.evaluationPeriods ?? TRAIL_HEALTH_DEFAULTS.evaluationPeriods;
    const severity = props.severity ?? TRAIL_HEALTH_DEFAULTS.severity;
    const actions = props.routing.actionsFor(severity);

    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${props.namePrefix}-trail-delivery-stopped`,
      alarmDescription: describe(props.context, windowSeconds * evaluationPeriods, severity, props.trailArn),
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensions: { LogGroupName: props.logGroupName },
      statistic: 'Sum',
      period: windowSeconds,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      actionsEnabled: true,
      alarmActions: actions.alarmActions,
      okActions: actions.okActions,
      insufficientDataActions: actions.insufficientDataActions,
      tags: { 'trailwatch:trail-health': 'incoming-log-events', 'trailwatch:severity': severity },
      ...(actions.dependsOn?.length ? { dependsOn: actions.dependsOn } : {}),
    });
  }
}

function describe(context: AlarmContext, silentSeconds: number, severity: Severity, trailArn = '<trail ARN>'): string {
  const window = silentSeconds % 3600 === 0 ? `${silentSeconds / 3600} h` : `${silentSeconds / 60} min`;
  return alarmDescription({
    summary:
      // "At least": after a metric stops, CloudWatch keeps evaluating the most recent real datapoints of
      // its evaluation range (CloudWatch User Guide, how alarm state is evaluated when data is missing),
      // so with one window the alarm comes about 1 to 3 windows after the last delivery
      // (trailwatch replay models it; see docs/replay.md, "How replay evaluates alarms").
      `[${severity}] The organization trail delivered no events to its log group for at least ${window}, possibly a few windows more: every other trailwatch alarm is blind until it resumes. ` +
      `Check: aws cloudtrail get-trail-status --name ${trailArn} (IsLogging, LatestCloudWatchLogsDeliveryError, LatestDeliveryError); ` +
      'a StopLogging, DeleteTrail or UpdateTrail in the management account; the trail\'s CloudWatch Logs delivery role and its trust policy; the log bucket and KMS key policies.',
    context,
    // The newest events show when delivery stopped (empty result: nothing arrived in the look-back).
    insightsQuery: 'fields @timestamp, eventSource, eventName, recipientAccountId | sort @timestamp desc | limit 20',
    lookbackSeconds: Math.max(3 * silentSeconds, 3 * 3600),
  });
}

/** Every problem with the props, not only the first; empty when valid. */
export function trailHealthPropsProblems(props: TrailHealthProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!props.logGroupName || !/^[\w\-./#]{1,512}$/.test(props.logGroupName)) {
    add('logGroupName', `"${props.logGroupName}" must be 1-512 characters of letters, digits and _-./#`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,200}$/.test(props.namePrefix ?? '')) {
    add('namePrefix', `"${props.namePrefix}" must be lower-case letters, digits and hyphens (resourcePrefix(env))`);
  }
  const window = props.windowSeconds ?? TRAIL_HEALTH_DEFAULTS.windowSeconds;
  const periods = props.evaluationPeriods ?? TRAIL_HEALTH_DEFAULTS.evaluationPeriods;
  const windowOk = Number.isInteger(window) && window % 60 === 0 && window >= MIN_WINDOW_SECONDS && window <= MAX_EVALUATION_WINDOW_SECONDS;
  if (!windowOk) {
    add('windowSeconds', `${window} must be a multiple of 60 seconds from ${MIN_WINDOW_SECONDS} to 86400 (CloudTrail delivers in batches; shorter windows page on ordinary delay)`);
  }
  if (!(Number.isInteger(periods) && periods >= 1)) add('evaluationPeriods', `${periods} must be a whole number >= 1`);
  else if (windowOk && window * periods > MAX_EVALUATION_WINDOW_SECONDS) {
    add('evaluationPeriods', `${periods} windows of ${window} s exceed one day (86400 s): lower evaluationPeriods or windowSeconds`);
  }
  const severity = props.severity ?? TRAIL_HEALTH_DEFAULTS.severity;
  if (!isSeverity(severity)) add('severity', `"${severity}" must be one of ${SEVERITIES.join(', ')}`);
  if (problems.length === 0) {
    try {
      describe(props.context, window * periods, severity, props.trailArn);
    } catch (e) {
      add('context.logGroupName', `${(e as Error).message} (log group name too long for the alarm description)`);
    }
  }
  return problems;
}
