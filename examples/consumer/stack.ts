/**
 * Initech's security alarms, composed from trailwatch's constructs: no YAML, no trailwatch config.
 * Initech's organization trail already exists (its landing zone made it) and delivers to a log group
 * that Initech names; this stack puts alert topics, the built-in sign-in detections and one detection
 * of Initech's own on that log group.
 */
import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AlertTopics } from 'trailwatch/alert-topics';
import { builtInDetections, DetectionAlarms, type Detection } from 'trailwatch/detections';

export interface SecurityAlarmsStackProps {
  /** Account of the log group, the topics and the alarms. */
  readonly accountId: string;
  /** Region of the log group. */
  readonly region: string;
  /** The log group the organization trail delivers to (made outside this stack). */
  readonly logGroupName: string;
  /** Where the security team reads its mail. */
  readonly securityEmail: string;
}

/** Initech's own detection: someone turned off GuardDuty. Same shape and checks as a built-in. */
export const GUARDDUTY_DISABLED: Detection = {
  id: 'guardduty-disabled',
  title: 'GuardDuty detector deleted or disabled',
  description: 'Someone deleted a GuardDuty detector or stopped it publishing findings. Check who in the events below; re-enable it unless the change was planned.',
  pattern: '{ ($.eventSource = "guardduty.amazonaws.com") && (($.eventName = "DeleteDetector") || ($.eventName = "UpdateDetector" && $.requestParameters.enable IS FALSE)) }',
  threshold: 1,
  periodSeconds: 300,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  statistic: 'Sum',
  treatMissingData: 'notBreaching',
  severity: 'high',
  references: { mitreAttack: ['T1562.001'] },
  pack: 'custom',
};

export class SecurityAlarmsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SecurityAlarmsStackProps) {
    super(scope, id);
    new S3Backend(this, { bucket: 'initech-terraform-state', key: `${id}.tfstate`, region: props.region, encrypt: true });
    new AwsProvider(this, 'aws', { region: props.region, allowedAccountIds: [props.accountId] });

    const namePrefix = 'initech-security';
    const alerting = new AlertTopics(this, 'alerting', {
      accountId: props.accountId,
      region: props.region,
      namePrefix,
      topics: [{ name: 'security', subscriptions: [{ protocol: 'email', endpoint: props.securityEmail }] }, { name: 'audit' }],
      routing: { critical: ['security'], high: ['security'], medium: ['security'], low: ['audit'], info: ['audit'] },
    });

    const signIn = builtInDetections('securityHub').filter((d) => d.pack === 'sign-in');
    new DetectionAlarms(this, 'detections', {
      logGroupName: props.logGroupName,
      detections: [...signIn, GUARDDUTY_DISABLED],
      routing: alerting,
      context: { environment: 'initech-production', managementAccountId: props.accountId, region: props.region, logGroupName: props.logGroupName },
      namePrefix,
    });
  }
}
