import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AlarmRouting } from '../../common/alarm-routing';
import { ValidationError } from '../../common/errors';
import type { Severity } from '../../common/severity';
import type { AlarmContext } from '../../common/alarm-description';
import { DetectionAlarms, type DetectionAlarmsProps } from '../detection-alarms';

export const topicArn = (name: string) => `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-${name}`;

/** Routing as the alert-topics module would do it: critical and high page, the rest go to a ticket queue. */
export const fakeRouting: AlarmRouting = {
  actionsFor(severity: Severity) {
    if (severity === 'info') throw new ValidationError('routing', [{ path: 'info', message: 'routes to no topic' }]);
    const topic = severity === 'critical' || severity === 'high' ? topicArn('page') : topicArn('ticket');
    return { alarmActions: [topic], okActions: severity === 'critical' ? [topic] : [], insufficientDataActions: [] };
  },
};

export const context: AlarmContext = {
  environment: 'acme-prod',
  managementAccountId: '111111111111',
  region: 'us-east-1',
  logGroupName: 'acme-acme-prod-cloudtrail',
};

export function baseProps(overrides: Partial<DetectionAlarmsProps> = {}): DetectionAlarmsProps {
  return {
    logGroupName: context.logGroupName,
    detections: [],
    routing: fakeRouting,
    context,
    namePrefix: 'acme-acme-prod',
    ...overrides,
  };
}

/** A stack with one provider and a DetectionAlarms built from `props`. */
export function stackWith(props: DetectionAlarmsProps): { stack: TerraformStack; alarms: DetectionAlarms } {
  const stack = new TerraformStack(new App(), 'detections-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const alarms = new DetectionAlarms(stack, 'detections', props);
  return { stack, alarms };
}
