import * as path from 'node:path';
import { loadEnvironments } from '../../../load';
import { configDir, validYaml } from '../../../__tests__/helpers';
import { SEVERITIES } from '../../../../modules/common/severity';
import { alertTopicsProps } from '../config';

// validYaml(): name test-env, namingPrefix trailwatch (default), account 123456789012, eu-central-1.
function load(section: string) {
  const dir = configDir({ 'env.yaml': `${validYaml()}${section}` });
  const result = loadEnvironments(dir);
  return { env: result.environments[0]?.env, problems: result.problems.map((p) => p.replace(`${dir}${path.sep}`, '')) };
}

const oneTopic = (subscription: string) => `alerting:\n  topics:\n    - name: pager\n      subscriptions:\n        - ${subscription}\n  routing: { critical: [pager], high: [pager], medium: [pager], low: [pager], info: [pager] }\n`;

describe('alerting config section', () => {
  it('defaults to one security topic that every severity routes to, OK notifications on, key kept', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(env?.alerting).toEqual({
      topics: [{ name: 'security', notifyOk: true, notifyInsufficientData: false, subscriptions: [], publishers: [] }],
      routing: Object.fromEntries(SEVERITIES.map((s) => [s, ['security']])),
      preventDestroy: true,
      keyDeletionWindowDays: 30,
      keyAdministrators: [],
      deadLetterQueueAlarmSeverity: 'high',
    });
  });

  it('passes named key administrators with the management deployment role added, and the dead-letter alarm severity', () => {
    const { env, problems } = load('alerting:\n  keyAdministrators: ["arn:aws:iam::123456789012:role/AlertKeyAdmin"]\n  deadLetterQueueAlarmSeverity: critical\n');
    expect(problems).toEqual([]);
    expect(alertTopicsProps(env!)).toMatchObject({
      keyAdministrators: ['arn:aws:iam::123456789012:role/AlertKeyAdmin', 'arn:aws:iam::123456789012:role/Deploy'],
      deadLetterQueueAlarmSeverity: 'critical',
    });
    expect(load('alerting:\n  deadLetterQueueAlarmSeverity: urgent\n').problems.find((p) => p.startsWith('env.yaml: alerting.deadLetterQueueAlarmSeverity:'))).toContain('must be one of critical, high, medium, low, info');
    expect(load('alerting:\n  keyAdministrators: ["arn:aws:iam::999999999999:role/X"]\n').problems.join('\n')).toContain(
      'env.yaml: alerting.keyAdministrators[0]: "arn:aws:iam::999999999999:role/X" must be a role of the account that owns the key, 123456789012',
    );
  });

  it('accepts every protocol with a valid endpoint and the extra publishers', () => {
    const { env, problems } = load(
      [
        'alerting:',
        '  topics:',
        '    - name: pager',
        '      notifyInsufficientData: true',
        '      publishers: [eventbridge, budgets]',
        '      subscriptions:',
        '        - { protocol: email, endpoint: oncall@example.com }',
        '        - { protocol: https, endpoint: "https://events.pagerduty.com/integration/abc/enqueue" }',
        '        - { protocol: sqs, endpoint: "arn:aws:sqs:eu-central-1:123456789012:alerts" }',
        '        - { protocol: lambda, endpoint: "arn:aws:lambda:eu-central-1:123456789012:function:notify:live" }',
        '        - { protocol: sms, endpoint: "+4915112345678" }',
        '    - name: tickets',
        '      notifyOk: false',
        '  routing: { critical: [pager, tickets], high: [tickets], medium: [tickets], low: [tickets], info: [tickets] }',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(env?.alerting.topics.map((t) => [t.name, t.subscriptions.length, t.notifyOk, t.notifyInsufficientData])).toEqual([
      ['pager', 5, true, true],
      ['tickets', 0, false, false],
    ]);
  });

  it.each([
    ['{ protocol: email, endpoint: "oncall@" }', 'alerting.topics[0].subscriptions[0].endpoint', '"oncall@" must be an email address (name@example.com)'],
    ['{ protocol: email, endpoint: "on call@example.com" }', 'alerting.topics[0].subscriptions[0].endpoint', 'must be an email address'],
    ['{ protocol: https, endpoint: "http://hooks.example.com/x" }', 'alerting.topics[0].subscriptions[0].endpoint', 'uses plain http: alarm notifications would travel unencrypted; use an https:// URL'],
    ['{ protocol: https, endpoint: "hooks.example.com/x" }', 'alerting.topics[0].subscriptions[0].endpoint', 'must be an https:// URL'],
    ['{ protocol: http, endpoint: "http://hooks.example.com/x" }', 'alerting.topics[0].subscriptions[0].protocol', 'must be one of email, https, sqs, lambda, sms (plain http is not offered'],
    ['{ protocol: sqs, endpoint: "https://sqs.eu-central-1.amazonaws.com/123456789012/q" }', 'alerting.topics[0].subscriptions[0].endpoint', 'must be an SQS queue ARN: arn:aws:sqs:<region>:<12-digit account>:<queue name>'],
    ['{ protocol: lambda, endpoint: "notify" }', 'alerting.topics[0].subscriptions[0].endpoint', 'must be a Lambda function ARN'],
    ['{ protocol: sms, endpoint: "0151 1234567" }', 'alerting.topics[0].subscriptions[0].endpoint', 'must be a phone number in E.164 form'],
    ['{ protocol: email }', 'alerting.topics[0].subscriptions[0].endpoint', 'is required'],
  ])('rejects subscription %s at %s, saying what is allowed', (sub, field, message) => {
    const { problems } = load(oneTopic(sub));
    const problem = problems.find((p) => p.startsWith(`env.yaml: ${field}: `));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
  });

  it('rejects a Lambda function in another region than the topics (home region)', () => {
    const { problems } = load(oneTopic('{ protocol: lambda, endpoint: "arn:aws:lambda:us-east-1:123456789012:function:notify" }'));
    expect(problems).toEqual([
      expect.stringMatching(
        /^env\.yaml: alerting\.topics\[0\]\.subscriptions\[0\]\.endpoint: "arn:aws:lambda:us-east-1:123456789012:function:notify" is in us-east-1, but the topics are in the home region eu-central-1: SNS invokes Lambda functions in the topic's region only; use a function in eu-central-1 \(line \d+\)$/,
      ),
    ]);
  });

  it.each([
    ['bad name!', 'must be 1-64 letters, digits, hyphens and underscores'],
    ['', 'must be 1-64 letters, digits, hyphens and underscores'],
    ['x'.repeat(65), 'must be 1-64 letters, digits, hyphens and underscores'],
  ])('rejects the topic name %j that AWS would reject', (name, message) => {
    const { problems } = load(`alerting:\n  topics:\n    - name: "${name}"\n`);
    expect(problems.find((p) => p.startsWith('env.yaml: alerting.topics[0].name: '))).toContain(message);
  });

  it('accepts the longest route name (the schema caps keep every full topic name within 256 characters)', () => {
    // namingPrefix <= 20, name <= 30, route <= 64: at most 116 characters; the 256 rule is tested on the construct.
    const { problems } = load(`alerting:\n  topics:\n    - name: ${'a'.repeat(64)}\n  routing: { critical: [${'a'.repeat(64)}], high: [${'a'.repeat(64)}], medium: [${'a'.repeat(64)}], low: [${'a'.repeat(64)}], info: [${'a'.repeat(64)}] }\n`);
    expect(problems).toEqual([]);
  });

  it('rejects a duplicated topic, naming the later one and the first', () => {
    const { problems } = load('alerting:\n  topics:\n    - name: security\n    - name: pager\n    - name: security\n');
    expect(problems).toEqual([
      'env.yaml: alerting.topics[2].name: "security" is already the name of topics[0]: every topic needs its own name (line 15)',
    ]);
  });

  it('rejects an unknown severity, listing the allowed ones', () => {
    const { problems } = load('alerting:\n  routing:\n    critical: [security]\n    urgent: [security]\n');
    expect(problems.find((p) => p.startsWith('env.yaml: alerting.routing.urgent: '))).toContain(
      'is not a known field (a typo is never ignored): Allowed here: critical, high, info, low, medium',
    );
  });

  it('rejects a severity that routes to no topic (left out, or an empty list): never a silent drop', () => {
    const { problems } = load('alerting:\n  routing:\n    critical: [security]\n    high: [security]\n    medium: []\n    low: [security]\n');
    expect(problems).toEqual([
      'env.yaml: alerting.routing.medium: routes to no topic: alarms of severity medium would notify nobody. List at least one of the topics (security) (line 15)',
      'env.yaml: alerting.routing.info: routes to no topic: alarms of severity info would notify nobody. List at least one of the topics (security) (line 13)',
    ]);
  });

  it('rejects routing to a topic that is not defined, and a topic listed twice', () => {
    const undefinedTopic = load('alerting:\n  topics: [{ name: pager }]\n  routing: { critical: [pager], high: [pagr], medium: [pager], low: [pager], info: [pager] }\n');
    expect(undefinedTopic.problems).toEqual([
      'env.yaml: alerting.routing.high[0]: "pagr" is not a topic: define it under topics or use one of pager (line 13)',
    ]);
    const twice = load('alerting:\n  routing: { critical: [security, security], high: [security], medium: [security], low: [security], info: [security] }\n');
    expect(twice.problems).toEqual([
      expect.stringContaining('env.yaml: alerting.routing.critical[1]: "security" is listed twice for critical: list each topic once'),
    ]);
  });

  it('says once, at alerting.routing, when topics are written without routing and none is named security', () => {
    expect(load('alerting:\n  topics: [{ name: pager }, { name: digest }]\n').problems).toEqual([
      'env.yaml: alerting.routing: sends every severity to the default topic "security", which alerting.topics does not define: write routing for critical, high, medium, low, info with the topics pager, digest, or add a topic named security (line 12)',
    ]);
    expect(load('alerting:\n  topics: [{ name: security }, { name: pager }]\n').problems).toEqual([]);
  });

  it('rejects an AWS-managed key, explaining that CloudWatch could never publish', () => {
    for (const arn of ['alias/aws/sns', 'arn:aws:kms:eu-central-1:123456789012:alias/aws/sns']) {
      const { problems } = load(`alerting:\n  kmsKeyArn: "${arn}"\n`);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`env.yaml: alerting.kmsKeyArn: "${arn}" is an AWS-managed key: its key policy cannot be changed and does not let cloudwatch.amazonaws.com use it`);
    }
  });

  it('accepts a customer-managed key ARN in the home region, rejects one elsewhere or malformed', () => {
    expect(load('alerting:\n  kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n').problems).toEqual([]);
    expect(load('alerting:\n  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n').problems[0]).toContain(
      'is in us-east-1: SNS topics need a key in their own region eu-central-1',
    );
    expect(load('alerting:\n  kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab"\n').problems[0]).toContain('must be a customer-managed KMS key ARN');
  });

  it.each([
    ['keyDeletionWindowDays: 3', 'alerting.keyDeletionWindowDays', 'must be at least 7 days'],
    ['keyDeletionWindowDays: 31', 'alerting.keyDeletionWindowDays', 'must be at most 30 days'],
    ['preventDestroy: maybe', 'alerting.preventDestroy', 'must be true or false'],
    ['topics: [{ name: security, publishers: [lambda] }]', 'alerting.topics[0].publishers[0]', 'must be one of eventbridge, budgets'],
    ['topics: [{ name: security, notifyOk: sometimes }]', 'alerting.topics[0].notifyOk', 'must be true or false'],
    ['topic: []', 'alerting.topic', 'did you mean "topics"?'],
  ])('rejects %s at %s', (line, field, message) => {
    const problem = load(`alerting:\n  ${line}\n`).problems.find((p) => p.startsWith(`env.yaml: ${field}: `));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
  });
});
