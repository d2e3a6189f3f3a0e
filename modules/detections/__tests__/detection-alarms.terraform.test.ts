/**
 * Real Terraform (hashicorp/aws 5.100.0, offline) on a stack with every built-in detection on, in
 * both compliance modes, plus a custom one: the provider's own schema validation and plan.
 */
import { builtInDetections } from '../catalogue';
import type { Detection } from '../detection';
import { planStack, terraformAvailable, validateStack } from '../../../__tests__/support/terraform';
import { baseProps, stackWith } from './support';

const maybe = terraformAvailable() ? it : it.skip;

const custom: Detection = {
  ...builtInDetections('securityHub')[0],
  id: 'access-key-created',
  title: 'Access key created',
  description: 'An IAM access key was created.',
  pattern: '{ ($.eventSource = iam.amazonaws.com) && ($.eventName = CreateAccessKey) }',
  periodSeconds: 60,
  evaluationPeriods: 10,
  datapointsToAlarm: 2,
  treatMissingData: 'ignore',
  pack: 'custom',
};

describe('DetectionAlarms with real Terraform', () => {
  maybe('validates with every built-in (securityHub mode) and a custom detection', () => {
    validateStack(stackWith(baseProps({ detections: [...builtInDetections('securityHub'), custom] })).stack);
  });

  maybe('plans offline with every built-in (tuned mode): one filter and one alarm each, all creates', () => {
    const detections = [...builtInDetections('tuned'), custom];
    const plan = planStack(stackWith(baseProps({ detections })).stack);
    const changes = plan.resource_changes ?? [];
    const filters = changes.filter((c) => c.type === 'aws_cloudwatch_log_metric_filter');
    const alarms = changes.filter((c) => c.type === 'aws_cloudwatch_metric_alarm');
    expect(filters).toHaveLength(detections.length);
    expect(alarms).toHaveLength(detections.length);
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    const cloudtrail = alarms.find((a) => a.change.after.alarm_name === 'acme-acme-prod-cloudtrail-changes')!;
    expect(cloudtrail.change.after).toMatchObject({ threshold: 1, period: 300, statistic: 'Sum', actions_enabled: true });
    const filter = filters.find((f) => f.change.after.name === 'acme-acme-prod-unauthorized-api-calls')!;
    expect(filter.change.after.pattern).toBe(detections.find((d) => d.id === 'unauthorized-api-calls')!.pattern);
  });
});
