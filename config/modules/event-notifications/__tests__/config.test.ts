/** The eventNotifications section: defaults, what it rejects (with did-you-mean), and the props it maps to. */
import * as path from 'node:path';
import { loadEnvironments } from '../../../load';
import { configDir, validYaml } from '../../../__tests__/helpers';
import { eventNotificationsProps } from '../props';

function load(section: string) {
  const dir = configDir({ 'env.yaml': `${validYaml()}${section}` });
  const result = loadEnvironments(dir);
  return { env: result.environments[0]?.env, problems: result.problems.map((p) => p.replace(`${dir}${path.sep}`, '')) };
}

const ALERTING = [
  'alerting:',
  '  topics:',
  '    - name: pager',
  '    - name: chat',
  '  routing:',
  '    critical: [pager]',
  '    high: [pager, chat]',
  '    medium: [chat]',
  '    low: [chat]',
  '    info: [chat]',
  '',
].join('\n');

describe('eventNotifications config section', () => {
  it('notifies MFA failures, root use and CloudTrail changes by default, in plain text, to the severities\' topics', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(env!.eventNotifications).toEqual({
      enabled: true,
      detections: ['iam-console-mfa-failure', 'identity-center-mfa-failure', 'root-usage', 'cloudtrail-changes'],
      accounts: {},
      formats: {},
      floodThreshold: 10,
      reservedConcurrency: 5,
      logRetentionDays: 365,
      failureSeverity: 'high',
    });
    const props = eventNotificationsProps(env!, 'trail-logs');
    expect(props.detections.map((d) => d.id)).toEqual(env!.eventNotifications.detections);
    expect(props.routing.high).toEqual([{ topicArn: 'arn:aws:sns:eu-central-1:123456789012:trailwatch-test-env-security', format: 'text' }]);
    expect(props.topicKey).toEqual({ aliasName: 'alias/trailwatch-test-env-alerts' });
  });

  it('fails loading for an unknown detection id, suggesting the closest', () => {
    expect(load('eventNotifications:\n  detections: [root-usage, iam-console-mfa-failur]\n').problems).toEqual([
      expect.stringMatching(/^env\.yaml: eventNotifications\.detections\[1\]: "iam-console-mfa-failur" is not a detection id: did you mean "iam-console-mfa-failure"\? Known ids: .+ \(line 12\)$/),
    ]);
  });

  it('accepts a custom detection id, and resolves patterns as the environment does (mode, exclusions), even for a detection whose alarm is off', () => {
    const yaml = [
      'detections:',
      '  complianceMode: tuned',
      '  disabled: [cloudtrail-changes]',
      '  exclusions:',
      '    root-usage: [\'$.sourceIPAddress != "203.0.113.1"\']',
      '  custom:',
      '    - id: access-key-created',
      '      title: IAM access key created',
      '      description: An access key was created.',
      "      pattern: '{ ($.eventSource = iam.amazonaws.com) && ($.eventName = CreateAccessKey) }'",
      'eventNotifications:',
      '  detections: [root-usage, cloudtrail-changes, access-key-created]',
      '',
    ].join('\n');
    const { env, problems } = load(yaml);
    expect(problems).toEqual([]);
    const detections = eventNotificationsProps(env!, 'trail-logs').detections;
    expect(detections.map((d) => d.id)).toEqual(['root-usage', 'cloudtrail-changes', 'access-key-created']);
    expect(detections[0].pattern).toContain('($.sourceIPAddress != "203.0.113.1")');
    expect(detections[1].pattern).toContain('PutEventSelectors'); // the tuned pattern
  });

  it('maps per-topic formats and account names into the props', () => {
    const { env, problems } = load(`${ALERTING}eventNotifications:\n  formats:\n    chat: chatbot\n  accounts:\n    "222222222222": prod\n`);
    expect(problems).toEqual([]);
    const props = eventNotificationsProps(env!, 'trail-logs');
    expect(props.routing.high).toEqual([
      { topicArn: 'arn:aws:sns:eu-central-1:123456789012:trailwatch-test-env-pager', format: 'text' },
      { topicArn: 'arn:aws:sns:eu-central-1:123456789012:trailwatch-test-env-chat', format: 'chatbot' },
    ]);
    expect(props.accounts).toEqual({ '222222222222': 'prod' });
  });

  it.each([
    ['floodThreshold: 0', 'eventNotifications.floodThreshold', 'must be at least 1'],
    ['reservedConcurrency: 0', 'eventNotifications.reservedConcurrency', 'must be at least 1'],
    ['logRetentionDays: 366', 'eventNotifications.logRetentionDays', 'must be a retention CloudWatch Logs accepts'],
    ['failureSeverity: urgent', 'eventNotifications.failureSeverity', 'must be one of critical, high, medium, low, info'],
    ['formats:\n    security: slack', 'eventNotifications.formats.security', 'must be one of text, chatbot'],
    ['formats:\n    secrity: chatbot', 'eventNotifications.formats.secrity', '"secrity" is not a topic of alerting.topics: did you mean "security"?'],
    ['accounts:\n    "12345": short', 'eventNotifications.accounts.12345', 'must be a 12-digit AWS account ID'],
  ])('rejects %s at %s, saying what is allowed', (line, field, message) => {
    const { problems } = load(`eventNotifications:\n  ${line}\n`);
    const problem = problems.find((p) => p.startsWith(`env.yaml: ${field}`));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
  });

  it('reports patterns that need more subscription filters than the existing trail\'s log group has free', () => {
    const custom = [0, 1, 2].map((i) =>
      [`    - id: long-${i}`, '      title: Long', '      description: Long.', `      pattern: '{ ($.eventName = "E${i}") && ($.requestParameters.x = "${'y'.repeat(400)}") }'`].join('\n'),
    );
    const yaml = `detections:\n  custom:\n${custom.join('\n')}\neventNotifications:\n  detections: [long-0, long-1, long-2]\n`;
    expect(load(yaml).problems).toEqual([]); // a log group of its own has both subscription filters free
    const existing = 'existingTrail:\n  logGroupName: aws-controltower/CloudTrailLogs\n  subscriptionFilters: 1\n';
    expect(load(`${yaml}${existing}`).problems).toEqual([expect.stringMatching(/^env\.yaml: eventNotifications\.detections: the OR of the 3 detections' patterns is \d+ characters and needs 2 subscription filters/)]);
  });

  it('is off with enabled: false, whatever else it says', () => {
    const { env, problems } = load('eventNotifications:\n  enabled: false\n  detections: [no-such-id]\n');
    expect(problems).toEqual([]);
    expect(env!.eventNotifications.enabled).toBe(false);
  });
});
