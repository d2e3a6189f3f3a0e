/** The EventNotifications construct on its own: what it creates, how it is wired, and what it rejects. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { validationErrorOf } from '../../../__tests__/support/alarms';
import { builtInDetections } from '../../detections/catalogue';
import type { Detection } from '../../detections/detection';
import { packageArchive } from '../bundle';
import { EventNotifications, type EventNotificationsProps } from '../event-notifications';
import { DEFAULT_PER_EVENT_DETECTIONS } from '../props';
import { parsePattern } from '../../patterns';
import { topic } from './support';

const detections = builtInDetections('securityHub').filter((d) => DEFAULT_PER_EVENT_DETECTIONS.includes(d.id));

export function props(overrides: Partial<EventNotificationsProps> = {}): EventNotificationsProps {
  return {
    accountId: '111111111111',
    region: 'us-east-1',
    namePrefix: 'acme-acme-prod',
    environment: 'acme-prod',
    logGroupName: '/trailwatch/acme-acme-prod/cloudtrail',
    detections,
    routing: { critical: [{ topicArn: topic('pager') }], high: [{ topicArn: topic('security') }, { topicArn: topic('chat'), format: 'chatbot' }] },
    topicKey: { aliasName: 'alias/acme-acme-prod-alerts' },
    accounts: { '222222222222': 'prod' },
    ...overrides,
  };
}

function stackWith(p: EventNotificationsProps, app = new App()): { stack: TerraformStack; construct: EventNotifications } {
  const stack = new TerraformStack(app, 'event-notifications-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const construct = new EventNotifications(stack, 'event-notifications', p);
  return { stack, construct };
}

function synth(overrides: Partial<EventNotificationsProps> = {}): { text: string; json: any; construct: EventNotifications } {
  const { stack, construct } = stackWith(props(overrides));
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text), construct };
}

const customDetection = (id: string, length: number): Detection => ({
  ...detections[0],
  id,
  pattern: `{ ($.eventName = "${id}") && ($.requestParameters.name = "${'x'.repeat(length)}") }`,
});

describe('EventNotifications', () => {
  it('subscribes the function to the log group with the OR of the detections\' patterns, after the invoke permission', () => {
    const { json } = synth();
    const filters = Object.values<any>(json.resource.aws_cloudwatch_log_subscription_filter);
    expect(filters).toHaveLength(1);
    const [filter] = filters;
    expect(filter).toMatchObject({ name: 'acme-acme-prod-notify', log_group_name: '/trailwatch/acme-acme-prod/cloudtrail', destination_arn: expect.stringMatching(/aws_lambda_function\..+\.arn/) });
    expect(filter.depends_on).toEqual([expect.stringMatching(/^aws_lambda_permission\./)]);
    expect(filter.filter_pattern.length).toBeLessThanOrEqual(1024);
    for (const d of detections) expect(filter.filter_pattern).toContain(d.pattern.trim().slice(1, -1).trim());
    expect(parsePattern(filter.filter_pattern).kind).toBe('json');
  });

  it('lets CloudWatch Logs invoke the function only from this log group of this account', () => {
    const { text } = synth();
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'logs.amazonaws.com',
      source_arn: 'arn:aws:logs:us-east-1:111111111111:log-group:/trailwatch/acme-acme-prod/cloudtrail:*',
      source_account: '111111111111',
    });
  });

  it('runs the bundled handler on Node.js 22 with reserved concurrency and its own encrypted log group', () => {
    const { text, json, construct } = synth();
    expect(text).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'acme-acme-prod-notify',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      reserved_concurrent_executions: 5,
      source_code_hash: construct.sourceCodeHash,
    });
    const fn = Object.values<any>(json.resource.aws_lambda_function)[0];
    expect(fn.filename).toMatch(/^assets\/.+\.zip$/);
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./), expect.stringMatching(/^aws_iam_role_policy\./)]));
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/acme-acme-prod-notify', retention_in_days: 365, kms_key_id: expect.stringMatching(/aws_kms_key\..+\.arn/) });
    expect(construct.notifierConfig).toMatchObject({ environment: 'acme-prod', floodThreshold: 10, accounts: { '222222222222': 'prod' } });
    expect(construct.notifierConfig.routes).toEqual({
      critical: [{ topicArn: topic('pager'), format: 'text' }],
      high: [{ topicArn: topic('security'), format: 'text' }, { topicArn: topic('chat'), format: 'chatbot' }],
    });
  });

  it('sends failed asynchronous invocations to an encrypted queue that is alarmed', () => {
    const { text } = synth({ failureSeverity: 'critical' });
    expect(text).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
      maximum_retry_attempts: 2,
      destination_config: { on_failure: { destination: 'arn:aws:sqs:us-east-1:111111111111:acme-acme-prod-notify-failed' } },
    });
    expect(text).toHaveResourceWithProperties(SqsQueue, { name: 'acme-acme-prod-notify-failed', sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'acme-acme-prod-notify-failed-not-empty',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'acme-acme-prod-notify-failed' },
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      alarm_actions: [topic('pager')],
    });
  });

  it('splits the patterns across a second subscription filter when their OR is over 1024 characters', () => {
    const long = [customDetection('custom-one', 400), customDetection('custom-two', 400), customDetection('custom-three', 400)];
    const { json } = synth({ detections: long });
    const filters = Object.values<any>(json.resource.aws_cloudwatch_log_subscription_filter).sort((a, b) => a.name.localeCompare(b.name));
    expect(filters.map((f) => f.name)).toEqual(['acme-acme-prod-notify', 'acme-acme-prod-notify-2']);
    for (const f of filters) expect(f.filter_pattern.length).toBeLessThanOrEqual(1024);
    expect(filters[1].filter_pattern).toBe(long[2].pattern);
  });

  it('counts the log group\'s existing subscription filters against CloudWatch\'s two', () => {
    const long = [customDetection('custom-one', 400), customDetection('custom-two', 400), customDetection('custom-three', 400)];
    const error = validationErrorOf(() => synth({ detections: long, existingSubscriptionFilters: 1 }));
    expect(error.problems).toEqual([
      { path: 'detections', message: expect.stringMatching(/needs 2 subscription filters of at most 1024 characters, but the log group has 1 free \(CloudWatch Logs allows 2; 1 already used\)/) },
    ]);
    expect(validationErrorOf(() => synth({ existingSubscriptionFilters: 2 })).problems[0].path).toBe('existingSubscriptionFilters');
  });

  it('rejects a detection that is not a JSON pattern, a severity with no topic, and every other bad prop at once', () => {
    const error = validationErrorOf(() =>
      synth({
        detections: [{ ...detections[0], id: 'terms-only', pattern: 'ConsoleLogin Failure' }, { ...detections[1], severity: 'low' }],
        floodThreshold: 0,
        reservedConcurrency: 0,
        logRetentionDays: 366,
        accounts: { '12345': 'short' },
        routing: { high: [{ topicArn: 'arn:aws:sns:eu-west-1:111111111111:elsewhere' }] },
      }),
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      'floodThreshold',
      'reservedConcurrency',
      'logRetentionDays',
      'accounts.12345',
      'routing.high[0].topicArn',
      'routing.low',
      'detections[terms-only].pattern',
    ]);
    expect(error.message).toContain('routing.low: routes to no topic');
  });

  it('packages the same source into the same archive and source_code_hash on every synth, and a changed config into another', () => {
    const archives = [0, 1].map(() => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-notify-synth-'));
      const app = new App({ outdir });
      const { construct } = stackWith(props(), app);
      app.synth();
      const stackDir = path.join(outdir, 'stacks', 'event-notifications-test');
      const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
      const fn = Object.values<any>(json.resource.aws_lambda_function)[0];
      const zip = fs.readFileSync(path.join(stackDir, fn.filename));
      fs.rmSync(outdir, { recursive: true, force: true });
      return { hash: fn.source_code_hash as string, zip, construct };
    });
    expect(archives[0].hash).toBe(archives[1].hash);
    // source_code_hash is the hash of the zip Terraform uploads, as Lambda computes CodeSha256.
    expect(archives[0].hash).toBe(createHash('sha256').update(archives[0].zip).digest('base64'));
    expect(Buffer.compare(archives[0].zip, archives[1].zip)).toBe(0);
    const entries = new AdmZip(archives[0].zip).getEntries();
    expect(entries.map((e) => e.entryName).sort()).toEqual(['config.json', 'index.js']);
    expect(JSON.parse(entries.find((e) => e.entryName === 'config.json')!.getData().toString('utf8'))).toMatchObject({ environment: 'acme-prod', floodThreshold: 10 });
    expect(synth({ floodThreshold: 20 }).construct.sourceCodeHash).not.toBe(archives[0].hash);
  });

  it('names the asset folder by the hash cdktf computes for the file, and packs each config the same whatever was packed before', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-notify-pack-'));
    const config = (floodThreshold: number) => stackWith(props({ floodThreshold })).construct.notifierConfig;
    const first = packageArchive(config(10), root);
    packageArchive(config(20), root);
    const again = packageArchive(config(10), root);
    expect(again).toEqual(first);
    // cdktf's TerraformAsset names the folder by the upper-case MD5 hex of the file (its hashPath).
    expect(first.assetHash).toBe(createHash('md5').update(fs.readFileSync(first.file)).digest('hex').toUpperCase());
    expect(first.hash).toBe(createHash('sha256').update(fs.readFileSync(first.file)).digest('base64'));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
