/**
 * Apply order of every example environment: no resource names another resource of the stack by a
 * literal without depending on it (the checker and its rules: __tests__/support/apply-order.ts).
 * A missing dependency passes `terraform validate` and `plan`, and fails the first `apply`.
 */
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { loadFile } from '../config/load';
import { exampleFiles } from '../config/__tests__/examples';
import { EnvironmentStack } from '../stacks/environment-stack';
import { DetectionAlarms } from '../modules/detections/detection-alarms';
import { enabledDetections } from '../config/modules/detections/resolve';
import { OrganizationTrail } from '../modules/organization-trail/organization-trail';
import { organizationTrailSettings } from '../config/modules/organization-trail/settings';
import { alarmContext, resourcePrefix } from '../config/naming';
import { AlertTopics } from '../modules/alert-topics/alert-topics';
import { alertTopicsProps } from '../config/modules/alert-topics/config';
import { applyOrderOffences, applyOrderReport } from './support/apply-order';

/** The example environments, named one by one (a new example must be added here on purpose). */
const EXAMPLE_FILES = exampleFiles();

function exampleEnv(file: string) {
  const { env, problems } = loadFile(file);
  if (!env) throw new Error(`${file}: ${problems.join('; ')}`);
  return env;
}
const synthExample = (file: string) => JSON.parse(Testing.synth(new EnvironmentStack(new App(), exampleEnv(file)), true));

describe('apply order of the example environments', () => {
  it.each(EXAMPLE_FILES)('%s: every argument that names a resource of the stack depends on it', (file) => {
    const json = synthExample(file);
    // a real stack, not an empty one
    expect(Object.values<object>(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0)).toBeGreaterThan(10);
    expect(applyOrderReport(json)).toEqual([]);
  });

  it('finds the filter whose dependency on the log group was removed from acme-prod', () => {
    const json = synthExample('config/acme-prod.yaml');
    const filters = json.resource.aws_cloudwatch_log_metric_filter;
    const [name, filter] = Object.entries<any>(filters).find(([n]) => n.startsWith('detections_filter-root-usage_'))!;
    const logGroup = Object.keys(json.resource.aws_cloudwatch_log_group).find((k) => k.startsWith('trail_cloudwatch-delivery_log-group_'))!;
    expect(filter.depends_on).toEqual([`aws_cloudwatch_log_group.${logGroup}`]);
    delete filter.depends_on;
    expect(applyOrderReport(json)).toEqual([
      `aws_cloudwatch_log_metric_filter.${name}: log_group_name names aws_cloudwatch_log_group.${logGroup} without depending on it`,
    ]);
  });

  it('finds every filter of a stack composed without logGroupDependsOn (the mistake this check exists for)', () => {
    const env = exampleEnv('config/acme-sandbox.yaml');
    const stack = new TerraformStack(new App(), 'broken');
    new AwsProvider(stack, 'aws', { region: env.homeRegion });
    const trail = new OrganizationTrail(stack, 'trail', organizationTrailSettings(env));
    const alerting = new AlertTopics(stack, 'alerting', alertTopicsProps(env));
    new DetectionAlarms(stack, 'detections', {
      logGroupName: trail.logGroupName,
      detections: enabledDetections(env),
      routing: alerting,
      context: alarmContext(env, trail.logGroupName),
      namePrefix: resourcePrefix(env),
    });
    const offences = applyOrderOffences(JSON.parse(Testing.synth(stack, true)));
    expect(offences.length).toBe(enabledDetections(env).length);
    for (const o of offences) {
      expect(o.resource).toMatch(/^aws_cloudwatch_log_metric_filter\.detections_filter-/);
      expect(o).toMatchObject({ argument: 'log_group_name', names: expect.stringMatching(/^aws_cloudwatch_log_group\.trail_cloudwatch-delivery_log-group_/) });
    }
  });
});

describe('the apply-order checker', () => {
  function stack(build: (s: TerraformStack) => void): any {
    const s = new TerraformStack(new App(), 'probe');
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    build(s);
    return JSON.parse(Testing.synth(s));
  }

  it('accepts a reference, a depends_on and a transitive dependency', () => {
    const json = stack((s) => {
      const group = new CloudwatchLogGroup(s, 'group', { name: '/app/logs' });
      const direct = new CloudwatchLogMetricFilter(s, 'direct', {
        name: 'direct',
        logGroupName: '/app/logs',
        pattern: '',
        metricTransformation: { name: 'm', namespace: 'n', value: '1' },
        dependsOn: [group],
      });
      new CloudwatchLogMetricFilter(s, 'transitive', {
        name: 'transitive',
        logGroupName: '/app/logs',
        pattern: '',
        metricTransformation: { name: 'm2', namespace: 'n', value: '1' },
        dependsOn: [direct],
      });
      new CloudwatchLogMetricFilter(s, 'by-reference', {
        name: 'by-reference',
        logGroupName: group.name,
        pattern: '',
        metricTransformation: { name: 'm3', namespace: 'n', value: '1' },
      });
    });
    expect(applyOrderReport(json)).toEqual([]);
  });

  it('reports an ARN built from a name (a role ARN in an argument of another resource type)', () => {
    const json = stack((s) => {
      new IamRole(s, 'role', { name: 'deliverer', assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' });
      new CloudwatchMetricAlarm(s, 'alarm', {
        alarmName: 'a',
        comparisonOperator: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        alarmActions: ['arn:aws:iam::111111111111:role/deliverer'],
      });
    });
    expect(applyOrderReport(json)).toEqual(['aws_cloudwatch_metric_alarm.alarm: alarm_actions[0] names aws_iam_role.role without depending on it']);
  });

  it('exempts policy documents, descriptions, metric names and dimensions, and a resource\'s own name', () => {
    const json = stack((s) => {
      new CloudwatchLogGroup(s, 'group', { name: '/app/logs' });
      new IamRole(s, 'role', { name: 'reader', assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' });
      new IamRolePolicy(s, 'policy', {
        name: 'p',
        role: 'reader-of-nothing-else',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: 'arn:aws:logs:us-east-1:1:log-group:/app/logs:*' }] }),
      });
      new CloudwatchMetricAlarm(s, 'alarm', {
        alarmName: '/app/logs-alarm',
        alarmDescription: 'Watches /app/logs, read by reader',
        namespace: 'AWS/Logs',
        metricName: 'IncomingLogEvents',
        dimensions: { LogGroupName: '/app/logs' },
        comparisonOperator: 'LessThanThreshold',
        evaluationPeriods: 1,
      });
      new CloudwatchLogMetricFilter(s, 'same-name-as-alarm', {
        name: 'reader',
        logGroupName: 'another-group',
        pattern: '{ $.userName = "reader" }',
        metricTransformation: { name: 'reader', namespace: 'n', value: '1' },
      });
    });
    expect(applyOrderReport(json)).toEqual([]);
  });

  it('does not take a longer name for a shorter one', () => {
    const json = stack((s) => {
      new CloudwatchLogGroup(s, 'group', { name: '/app/logs' });
      new CloudwatchLogMetricFilter(s, 'other', {
        name: 'other',
        logGroupName: '/app/logs-archive',
        pattern: '',
        metricTransformation: { name: 'm', namespace: 'n', value: '1' },
      });
    });
    expect(applyOrderReport(json)).toEqual([]);
  });
});
