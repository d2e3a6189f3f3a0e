import { validationErrorOf as errorOf } from '../../../__tests__/support/alarms';
import { Testing } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SEVERITIES, type Severity } from '../../common/severity';
import { AlertTopics, alertTopicsPropsProblems, type AlertTopicsProps } from '../alert-topics';
import { ACCOUNT, acmeProps, newStack, PREFIX, REGION, synth } from './support';

const arn = (route: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-${route}`;
const DLQ_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:${PREFIX}-alerts-dlq`;


describe('AlertTopics resources', () => {
  it('creates a customer-managed key with rotation, a 30-day deletion window and prevent_destroy, and an alias', () => {
    const { text, json, topics } = synth();
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(text).toHaveResourceWithProperties(KmsAlias, { name: `alias/${PREFIX}-alerts` });
    // Address is public contract: the key is `alerting/key`.
    expect(topics.key?.node.path).toBe('alert-topics-test/alerting/key');
    expect(Object.keys(json.resource.aws_kms_key)).toEqual([expect.stringMatching(/^alerting_key_[A-F0-9]{8}$/)]);
  });

  it('lets the deletion window and prevent_destroy be set (a sandbox)', () => {
    const { text } = synth(acmeProps({ preventDestroy: false, keyDeletionWindowDays: 7 }));
    expect(text).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 7, lifecycle: { prevent_destroy: false } });
  });

  it('creates one topic per route, named <prefix>-<route>, encrypted with the key, with a topic policy', () => {
    const { json, text } = synth();
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: `${PREFIX}-pager`, signature_version: 2, tags: { 'trailwatch:route': 'pager' } });
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: `${PREFIX}-security` });
    const topics = Object.values<any>(json.resource.aws_sns_topic);
    expect(topics).toHaveLength(2);
    for (const t of topics) {
      expect(t.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alerting_key_[A-F0-9]+\.arn\}$/);
      expect(t.kms_master_key_id).not.toContain('alias/aws/sns');
      expect(JSON.parse(t.policy).Statement.map((s: any) => s.Sid)).toContain('CloudWatchAlarmsOfThisAccountPublish');
    }
  });

  it('subscribes every endpoint; https gets a redrive policy to the encrypted dead-letter queue, email does not', () => {
    const { json, text } = synth();
    expect(text).toHaveResourceWithProperties(SnsTopicSubscription, {
      topic_arn: arn('pager'),
      protocol: 'https',
      endpoint: 'https://events.pagerduty.com/integration/abc/enqueue',
      redrive_policy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN }),
    });
    const subs = Object.values<any>(json.resource.aws_sns_topic_subscription);
    expect(subs.map((s) => [s.protocol, s.endpoint, s.topic_arn]).sort()).toEqual([
      ['email', 'oncall@acme.example', arn('pager')],
      ['email', 'security@acme.example', arn('security')],
      ['https', 'https://events.pagerduty.com/integration/abc/enqueue', arn('pager')],
    ]);
    expect(subs.filter((s) => s.protocol === 'email').every((s) => s.redrive_policy === undefined)).toBe(true);
    // A subscription names its topic by a config-derived ARN, so it must wait for the topic explicitly.
    expect(subs.every((s) => s.depends_on?.some((d: string) => d.startsWith('aws_sns_topic.')))).toBe(true);
    expect(text).toHaveResourceWithProperties(SqsQueue, {
      name: `${PREFIX}-alerts-dlq`,
      message_retention_seconds: 1209600,
    });
    const queue = Object.values<any>(json.resource.aws_sqs_queue)[0];
    expect(queue.kms_master_key_id).toMatch(/aws_kms_key\.alerting_key_.*\.arn/);
  });

  it('keeps subscription addresses stable when subscriptions are reordered (no re-confirmation of emails)', () => {
    const keys = (props: AlertTopicsProps) => Object.keys(synth(props).json.resource.aws_sns_topic_subscription).sort();
    const props = acmeProps();
    const reversed = { ...props, topics: props.topics!.map((t) => ({ ...t, subscriptions: [...(t.subscriptions ?? [])].reverse() })) };
    expect(keys(reversed)).toEqual(keys(props));
  });

  // A notification dead-lettered for 14 days that nobody sees is a missed alarm: the queue is watched.
  it('alarms while the dead-letter queue holds a message, routed by deadLetterQueueAlarmSeverity (default high)', () => {
    const { json, topics } = synth();
    const alarms = Object.values<any>(json.resource.aws_cloudwatch_metric_alarm);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      alarm_name: `${PREFIX}-alerts-dlq-not-empty`,
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: `${PREFIX}-alerts-dlq` },
      statistic: 'Maximum',
      period: 300,
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: topics.actionsFor('high').alarmActions,
    });
    expect(alarms[0].alarm_description).toContain('[high]');
    const critical = Object.values<any>(synth(acmeProps({ deadLetterQueueAlarmSeverity: 'critical' })).json.resource.aws_cloudwatch_metric_alarm)[0];
    expect(critical.alarm_actions).toEqual([`arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-pager`, `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-security`]);
    expect(critical.insufficient_data_actions).toEqual([`arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-pager`]);
  });

  it('rejects a dead-letter alarm severity that is not a severity, and key administrators of another account', () => {
    expect(alertTopicsPropsProblems(acmeProps({ deadLetterQueueAlarmSeverity: 'urgent' as Severity, keyAdministrators: ['arn:aws:iam::999999999999:role/X'] }))).toEqual([
      { path: 'keyAdministrators[0]', message: `"arn:aws:iam::999999999999:role/X" must be a role of the account that owns the key, ${ACCOUNT}` },
      { path: 'deadLetterQueueAlarmSeverity', message: '"urgent" must be one of critical, high, medium, low, info' },
    ]);
  });

  it('creates no dead-letter queue when no subscriber can fail delivery (email and sms only)', () => {
    const { json } = synth(acmeProps({ topics: [{ name: 'security', subscriptions: [{ protocol: 'sms', endpoint: '+14155550100' }] }], routing: undefined }));
    expect(json.resource.aws_sqs_queue).toBeUndefined();
    expect(JSON.parse(Object.values<any>(json.resource.aws_kms_key)[0].policy).Statement.map((s: any) => s.Sid)).not.toContain(
      'SnsTopicsOfThisModuleUseTheDeadLetterQueue',
    );
  });

  it('subscribes SQS and same-account Lambda with redrive, and lets SNS invoke only the same-account function', () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:notify`;
    const other = `arn:aws:lambda:${REGION}:999999999999:function:notify`;
    const { json, text } = synth(
      acmeProps({
        topics: [
          {
            name: 'security',
            subscriptions: [
              { protocol: 'sqs', endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:tickets` },
              { protocol: 'lambda', endpoint: fn },
              { protocol: 'lambda', endpoint: other },
            ],
          },
        ],
        routing: undefined,
      }),
    );
    const subs = Object.values<any>(json.resource.aws_sns_topic_subscription);
    expect(subs.map((s) => [s.protocol, JSON.parse(s.redrive_policy).deadLetterTargetArn]).sort()).toEqual([
      ['lambda', DLQ_ARN],
      ['lambda', DLQ_ARN],
      ['sqs', DLQ_ARN],
    ]);
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      function_name: fn,
      principal: 'sns.amazonaws.com',
      source_arn: arn('security'),
      source_account: ACCOUNT,
    });
    expect(Object.keys(json.resource.aws_lambda_permission)).toHaveLength(1);
  });

  it('outputs the topic ARNs by route (and the dead-letter queue) for AWS Chatbot or other integrations', () => {
    const { json } = synth();
    expect(Object.keys(json.output).sort()).toEqual(['alerting_dead_letter_queue_arn', 'alerting_topic_arns']);
    expect(json.output.alerting_topic_arns.value).toEqual({ pager: arn('pager'), security: arn('security') });
    expect(json.output.alerting_dead_letter_queue_arn.value).toBe(DLQ_ARN);
  });

  it('uses a given customer-managed key instead of creating one', () => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { json, text } = synth(acmeProps({ kmsKeyArn: key }));
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: `${PREFIX}-pager`, kms_master_key_id: key });
  });

  it('by default creates one security topic that every severity routes to', () => {
    const stack = newStack();
    const topics = new AlertTopics(stack, 'alerting', { accountId: ACCOUNT, region: REGION, namePrefix: PREFIX });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(SnsTopic, { name: `${PREFIX}-security` });
    for (const s of SEVERITIES) {
      expect(topics.actionsFor(s)).toEqual({ alarmActions: [arn('security')], okActions: [arn('security')], insufficientDataActions: [], dependsOn: [topics.topics.security] });
    }
  });
});

describe('AlertTopics routing (AlarmRouting)', () => {
  it('routes each severity to its topics; OK and INSUFFICIENT_DATA only to topics that ask for them', () => {
    const { topics } = synth();
    expect(topics.actionsFor('critical')).toEqual({
      alarmActions: [arn('pager'), arn('security')],
      okActions: [arn('pager')],
      insufficientDataActions: [arn('pager')],
      // The ARNs are literals: an alarm must be created after the topics it names.
      dependsOn: [topics.topics.pager, topics.topics.security],
    });
    expect(topics.actionsFor('low')).toEqual({ alarmActions: [arn('security')], okActions: [], insufficientDataActions: [], dependsOn: [topics.topics.security] });
  });

  it('throws a ValidationError for a severity that routes nowhere (never a silent drop)', () => {
    const { topics } = synth();
    const e = errorOf(() => topics.actionsFor('urgent' as Severity));
    expect(e.message).toBe('alert-topics-test/alerting: routing.urgent: "urgent" routes to no topic: an alarm of this severity would notify nobody. Route it to one of pager, security');
  });

  it('refuses to be built when a severity has no topic, naming every problem at once', () => {
    const e = errorOf(() => new AlertTopics(newStack(), 'alerting', acmeProps({ routing: { critical: ['pager'], high: [], medium: ['nowhere'] } })));
    expect(e.problems).toEqual([
      { path: 'routing.high', message: 'routes to no topic: alarms of severity high would notify nobody. List at least one of the topics (pager, security)' },
      { path: 'routing.medium[0]', message: '"nowhere" is not a topic: define it under topics or use one of pager, security' },
      { path: 'routing.low', message: 'routes to no topic: alarms of severity low would notify nobody. List at least one of the topics (pager, security)' },
      { path: 'routing.info', message: 'routes to no topic: alarms of severity info would notify nobody. List at least one of the topics (pager, security)' },
    ]);
  });
});

describe('AlertTopics props validation', () => {
  const problemsOf = (overrides: Partial<AlertTopicsProps>) => alertTopicsPropsProblems(acmeProps(overrides));

  it('accepts the example props', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('rejects alias/aws/sns and any AWS-managed key, explaining why', () => {
    for (const key of ['alias/aws/sns', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/sns`, `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/kms`]) {
      const e = errorOf(() => new AlertTopics(newStack(), 'alerting', acmeProps({ kmsKeyArn: key })));
      expect(e.problems).toEqual([
        {
          path: 'kmsKeyArn',
          message: `"${key}" is an AWS-managed key: its key policy cannot be changed and does not let cloudwatch.amazonaws.com use it, so alarms could never publish (notifications silently dropped). Leave it out to let trailwatch create a customer-managed key, or give a customer-managed key ARN`,
        },
      ]);
    }
  });

  it('rejects a topic name AWS would reject: characters, and over 256 characters in full', () => {
    expect(problemsOf({ topics: [{ name: 'pager.fifo' }], routing: undefined })).toContainEqual({
      path: 'topics[0].name',
      message: expect.stringContaining('"pager.fifo" must be 1-64 letters, digits, hyphens and underscores'),
    });
    const route = 'x'.repeat(64);
    const at = (prefix: string) => alertTopicsPropsProblems({ ...acmeProps(), namePrefix: prefix, topics: [{ name: route }], routing: { critical: [route], high: [route], medium: [route], low: [route], info: [route] } });
    expect(at('p'.repeat(191))).toEqual([]); // 191 + 1 + 64 = 256: the longest name AWS accepts
    expect(at('p'.repeat(192))).toEqual([
      {
        path: 'topics[0].name',
        message: `makes the SNS topic name "${'p'.repeat(192)}-${route}" (257 characters), which AWS rejects: topic names are 1-256 letters, digits, hyphens and underscores`,
      },
    ]);
  });

  it('reports every bad subscription, publisher and setting at once, with its path', () => {
    const problems = alertTopicsPropsProblems({
      ...acmeProps(),
      accountId: '12345678901',
      keyDeletionWindowDays: 45,
      topics: [
        {
          name: 'security',
          publishers: ['sqs' as never],
          subscriptions: [
            { protocol: 'email', endpoint: 'not-an-address' },
            { protocol: 'https', endpoint: 'http://hooks.example.com' },
            { protocol: 'lambda', endpoint: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f` },
            { protocol: 'sms', endpoint: '555-0100' },
            { protocol: 'http' as never, endpoint: 'http://x' },
            { protocol: 'email', endpoint: 'not-an-address' },
          ],
        },
        { name: 'security' },
      ],
      routing: undefined,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'accountId',
      'topics[0].subscriptions[0].endpoint',
      'topics[0].subscriptions[1].endpoint',
      'topics[0].subscriptions[2].endpoint',
      'topics[0].subscriptions[3].endpoint',
      'topics[0].subscriptions[4].protocol',
      'topics[0].subscriptions[5].endpoint',
      'topics[0].subscriptions[5]',
      'topics[0].publishers[0]',
      'topics[1].name',
      'keyDeletionWindowDays',
    ]);
    expect(problems.find((p) => p.path === 'topics[0].subscriptions[2].endpoint')?.message).toContain('is in eu-west-1, but the topics are in the home region us-east-1');
    expect(problems.find((p) => p.path === 'topics[1].name')?.message).toBe('"security" is already the name of topics[0]: every topic needs its own name');
  });
});
