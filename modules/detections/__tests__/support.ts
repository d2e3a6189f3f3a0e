import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DetectionAlarms, type DetectionAlarmsProps } from '../detection-alarms';
import { context, fakeRouting } from '../../../__tests__/support/alarms';

export { context, fakeRouting, topicArn } from '../../../__tests__/support/alarms';

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
