/**
 * Real Terraform (hashicorp/aws 5.100.0, offline) on a stack with EventNotifications split across two
 * subscription filters: the provider's own schema validation, and a plan whose function carries the
 * synth-time source_code_hash.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { planStack, terraformAvailable, validateStack } from '../../../__tests__/support/terraform';
import { builtInDetections } from '../../detections/catalogue';
import { EventNotifications } from '../event-notifications';
import { topic } from './support';

const maybe = terraformAvailable() ? it : it.skip;

function stack(): { stack: TerraformStack; construct: EventNotifications } {
  const s = new TerraformStack(new App(), 'event-notifications');
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  const detections = builtInDetections('tuned').filter((d) => ['sign-in', 'cis'].includes(d.pack)).slice(0, 9);
  const construct = new EventNotifications(s, 'event-notifications', {
    accountId: '111111111111',
    region: 'us-east-1',
    namePrefix: 'acme-acme-prod',
    logGroupName: '/trailwatch/acme-acme-prod/cloudtrail',
    detections,
    routing: Object.fromEntries(['critical', 'high', 'medium', 'low', 'info'].map((sev) => [sev, [{ topicArn: topic('security'), format: 'chatbot' as const }]])),
    topicKey: { keyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  });
  return { stack: s, construct };
}

maybe('is valid Terraform and plans the filters, the function and its wiring', () => {
  const { stack: s, construct } = stack();
  expect(construct.subscriptionFilters).toHaveLength(2);
  validateStack(s);
  const plan = planStack(s);
  const byType = (type: string) => (plan.resource_changes ?? []).filter((r) => r.type === type);
  expect(byType('aws_cloudwatch_log_subscription_filter')).toHaveLength(2);
  const [fn] = byType('aws_lambda_function');
  expect(fn.change.actions).toEqual(['create']);
  expect(fn.change.after).toMatchObject({ runtime: 'nodejs22.x', source_code_hash: construct.sourceCodeHash, reserved_concurrent_executions: 5 });
  expect(byType('aws_lambda_permission')[0].change.after).toMatchObject({ principal: 'logs.amazonaws.com', source_account: '111111111111' });
  expect(byType('aws_lambda_function_event_invoke_config')).toHaveLength(1);
});
