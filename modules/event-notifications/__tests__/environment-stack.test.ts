/** The environment stack wires per-event notifications onto the trail's log group in every example. */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../../../config/__tests__/examples';
import { EnvironmentStack } from '../../../stacks/environment-stack';

const examples = loadExamples().map((e) => e.env);

describe.each(examples.map((env) => [env.name, env] as const))('example environment %s', (_name, env) => {
  const stack = new EnvironmentStack(new App(), env);
  const json = JSON.parse(Testing.synth(stack, true));

  it('subscribes the notification function to the trail log group, once the log group exists', () => {
    const filters = Object.values<any>(json.resource.aws_cloudwatch_log_subscription_filter);
    expect(filters).toHaveLength(1);
    expect(filters[0].log_group_name).toBe(stack.logGroupName);
    const onLogGroup = expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.trail_cloudwatch-delivery_log-group_/)]);
    // The log group is created in the same apply unless it belongs to an existing trail.
    if (env.existingTrail) expect(filters[0].depends_on).not.toEqual(onLogGroup);
    else expect(filters[0].depends_on).toEqual(onLogGroup);
    expect(Object.keys(json.resource.aws_lambda_function)).toHaveLength(1);
  });

  it('lets the function publish exactly to the topics its detections\' severities route to', () => {
    const policy = JSON.parse(Object.values<any>(json.resource.aws_iam_role_policy).find((p) => p.name === 'publish-event-notifications').policy);
    const publish = policy.Statement.find((s: any) => s.Sid === 'PublishToRoutedTopics');
    const severities = new Set(stack.eventNotifications!.notifierConfig.detections.map((d) => d.severity));
    const routes = [...new Set([...severities].flatMap((s) => env.alerting.routing[s] ?? []))];
    const topicArns = routes.map((r) => `arn:aws:sns:${env.homeRegion}:${env.managementAccountId}:${env.namingPrefix}-${env.name}-${r}`).sort();
    expect(publish.Resource).toEqual(topicArns);
  });
});

it('creates nothing of the module when eventNotifications.enabled is false', () => {
  const env = { ...examples[0], eventNotifications: { ...examples[0].eventNotifications, enabled: false } };
  const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
  expect(json.resource.aws_cloudwatch_log_subscription_filter).toBeUndefined();
  expect(json.resource.aws_lambda_function).toBeUndefined();
});
