/**
 * The notification function's work on real payload shapes: CloudTrail fixture records, gzip + base64
 * as CloudWatch Logs delivers them, with the SNS client replaced at its boundary.
 */
import { createNotifier } from '../handler/notify';
import { SUBJECT_LIMIT } from '../handler/message';
import { FakeSns, notifierConfig, payload, record } from './support';

function run(messages: Parameters<typeof payload>[0], config = notifierConfig, sns = new FakeSns()) {
  const logs: string[] = [];
  const notify = createNotifier(config, sns, (l) => logs.push(l));
  return { sns, logs, result: notify(payload(messages)) };
}

describe('notification function', () => {
  it('turns an IAM user MFA failure into one message per routed topic naming user, account and source IP', async () => {
    const { sns, result } = run([record('seed-iam-user-failed-mfa')]);
    expect(await result).toMatchObject({ records: 1, badRecords: 0, matches: 1, published: 2, failed: 0, floods: [] });
    const [text] = sns.to('security');
    expect(text.Subject).toBe('[high] MFA failed: alice in prod (111122223333) from 198.51.100.23');
    expect(text.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'high' },
      detection: { DataType: 'String', StringValue: 'iam-console-mfa-failure' },
      account: { DataType: 'String', StringValue: '111122223333' },
    });
    const body = text.Message!;
    for (const line of [
      '[high] IAM user passed the password check and failed MFA',
      'Who: alice (IAMUser)',
      'ARN: arn:aws:iam::111122223333:user/alice',
      'Account: prod (111122223333)',
      'Source IP: 198.51.100.23',
      'User agent: Mozilla/5.0',
      'Region: us-east-1',
      'Event: ConsoleLogin (signin.amazonaws.com)',
      'Event time: 2023-08-24T21:07:08Z',
      'Event ID: 00000000-0000-0000-0000-000000000001',
      'What to do: Someone signed in to the console as an IAM user with the correct password',
      'fields @timestamp, eventSource, eventName, recipientAccountId, sourceIPAddress, errorCode | filter userIdentity.arn = "arn:aws:iam::111122223333:user/alice" | sort @timestamp asc | limit 200',
    ]) {
      expect(body).toContain(line);
    }
    // The console link opens that query on the trail's log group, from one hour before to one hour after.
    const link = body.split('\n').find((l) => l.startsWith('Open: '))!;
    expect(link).toMatch(/^Open: https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:logs-insights/);
    expect(link).toContain("start~'2023-08-24T20*3a07*3a08.000Z");
    expect(link).toContain("end~'2023-08-24T22*3a07*3a08.000Z");
    expect(link).toContain('*2ftrailwatch*2facme-acme-prod*2fcloudtrail');
  });

  it('writes the AWS Chatbot custom notification for a chatbot topic', async () => {
    const { sns, result } = run([record('seed-iam-user-failed-mfa')]);
    await result;
    const [chat] = sns.to('chat');
    const message = JSON.parse(chat.Message!);
    expect(message).toMatchObject({
      version: '1.0',
      source: 'custom',
      id: '00000000-0000-0000-0000-000000000001',
      content: { textType: 'client-markdown', keywords: ['high', 'iam-console-mfa-failure', '111122223333'] },
      metadata: { summary: chat.Subject, eventType: 'iam-console-mfa-failure', relatedResources: ['arn:aws:iam::111122223333:user/alice'] },
    });
    expect(message.content.title).toContain('MFA failed: alice in prod (111122223333) from 198.51.100.23');
    expect(message.content.description).toContain('Source IP: 198.51.100.23');
    expect(message.content.nextSteps[0]).toMatch(/^<https:\/\/us-east-1\.console\.aws\.amazon\.com\/.+\|Open this principal's activity in Logs Insights>/);
  });

  it('names the Identity Center user in the older record shape (userName) and the newer one (identity-store user id)', async () => {
    const { sns, result } = run([record('identity-center-totp-failure-legacy-identity'), record('identity-center-totp-failure-identitycenteruser')]);
    expect(await result).toMatchObject({ matches: 2, published: 4 });
    const [older, newer] = sns.to('security');
    expect(older.Subject).toBe('[high] MFA failed: maria.lopez in prod (111122223333) from 203.0.113.88');
    expect(older.Message).toContain('Who: maria.lopez (Unknown)');
    expect(older.Message).toContain('filter userIdentity.userName = "maria.lopez"');
    expect(newer.Subject).toBe('[high] MFA failed: 94d00cd8-e9e6-4810-b177-b08e84775435 in prod (111122223333) from 203.0.113.88');
    expect(newer.Message).toContain('Who: 94d00cd8-e9e6-4810-b177-b08e84775435 (IdentityCenterUser)');
    expect(newer.Message).toContain(
      'Identity-store user ID: 94d00cd8-e9e6-4810-b177-b08e84775435 in arn:aws:identitystore::111122223333:identitystore/d-9067c1a2b3',
    );
    expect(older.Message).toContain('IAM Identity Center user failed an MFA check');
    expect(newer.Message).toContain('filter userIdentity.onBehalfOf.userId = "94d00cd8-e9e6-4810-b177-b08e84775435"');
    expect(newer.Message).not.toContain('ARN:');
  });

  it('notifies root sign-ins', async () => {
    const { sns, result } = run([record('seed-root-success')]);
    expect(await result).toMatchObject({ matches: 1, published: 2 });
    expect(sns.to('security')[0].Subject).toBe('[high] Root used: root in prod (111122223333) from 198.51.100.23');
    expect(sns.to('security')[0].Message).toContain('Who: root (Root)');
    expect(sns.to('security')[0].Message).toContain('filter userIdentity.arn = "arn:aws:iam::111122223333:root"');
  });

  it('publishes each detection to the topics of its own severity only', async () => {
    const { sns, result } = run([record('panther-cloudtrail-stoplogging')]);
    expect(await result).toMatchObject({ matches: 1, published: 1 });
    expect(sns.sent).toHaveLength(1);
    expect(sns.sent[0].TopicArn).toMatch(/-pager$/);
    expect(sns.sent[0].Subject).toMatch(/^\[critical\] CloudTrail changed: /);
    expect(sns.sent[0].MessageAttributes!.severity.StringValue).toBe('critical');
  });

  it('sends nothing for a record no detection matches', async () => {
    const { sns, result } = run([record('seed-iam-user-success-with-mfa')]);
    expect(await result).toMatchObject({ records: 1, matches: 0, published: 0 });
    expect(sns.sent).toEqual([]);
  });

  it('counts and logs a record that is not CloudTrail JSON and goes on with the rest of the batch', async () => {
    const { sns, logs, result } = run(['not json at all', '{"no":"eventName"}', '[1,2]', record('seed-iam-user-failed-mfa')]);
    expect(await result).toMatchObject({ records: 4, badRecords: 3, matches: 1, published: 2 });
    expect(sns.to('security')).toHaveLength(1);
    expect(logs.filter((l) => l.includes('not a CloudTrail record'))).toHaveLength(3);
    expect(logs.some((l) => l.includes('"start":"not json at all"'))).toBe(true);
  });

  it('ignores a CONTROL_MESSAGE', async () => {
    const sns = new FakeSns();
    const result = await createNotifier(notifierConfig, sns, () => undefined)(payload(['CWL CONTROL MESSAGE: Checking health of destination'], 'CONTROL_MESSAGE'));
    expect(result).toMatchObject({ control: true, published: 0 });
    expect(sns.sent).toEqual([]);
  });

  it('summarises more than floodThreshold matches of one detection in one message counting principals and source IPs', async () => {
    const attempts = Array.from({ length: 14 }, (_, i) =>
      record('seed-iam-user-failed-mfa', (r) => {
        r.userIdentity.userName = i < 10 ? 'alice' : 'bob';
        r.userIdentity.arn = `arn:aws:iam::111122223333:user/${r.userIdentity.userName}`;
        r.sourceIPAddress = i % 2 === 0 ? '203.0.113.7' : '198.51.100.9';
        r.eventID = `id-${i}`;
      }),
    );
    const { sns, result } = run([...attempts, record('seed-root-success')]);
    expect(await result).toMatchObject({ matches: 15, floods: ['iam-console-mfa-failure'], published: 4 });
    const [summary] = sns.to('security');
    expect(summary.Subject).toBe('[high] 14 x MFA failed: 2 principals, 2 source IPs');
    expect(summary.Message).toContain('14 events in one batch (more than 10');
    expect(summary.Message).toContain('  10 x alice in prod (111122223333)');
    expect(summary.Message).toContain('  4 x bob in prod (111122223333)');
    expect(summary.Message).toContain('  7 x 203.0.113.7');
    expect(summary.Message).toContain('  7 x 198.51.100.9');
    expect(summary.MessageAttributes!.account.StringValue).toBe('111122223333');
    expect(JSON.parse(sns.to('chat')[0].Message!).content.title).toContain('14 x MFA failed');
    // The root sign-in in the same batch still gets its own message.
    expect(sns.to('security').map((m) => m.Subject)).toEqual([summary.Subject, '[high] Root used: root in prod (111122223333) from 198.51.100.23']);
  });

  it('sends each message when a batch holds exactly floodThreshold matches', async () => {
    const { sns, result } = run(Array.from({ length: 10 }, () => record('seed-iam-user-failed-mfa')));
    expect(await result).toMatchObject({ matches: 10, floods: [], published: 20 });
    expect(sns.to('security')).toHaveLength(10);
  });

  it('tries every message, then fails the invocation when one could not be published (Lambda retries, then the failure queue)', async () => {
    const sns = new FakeSns((input) => input.TopicArn!.endsWith('-chat'));
    const notify = createNotifier(notifierConfig, sns, () => undefined);
    await expect(notify(payload([record('seed-iam-user-failed-mfa')]))).rejects.toThrow(/1 of 2 notifications could not be published: AuthorizationError/);
    expect(sns.to('security')).toHaveLength(1);
  });

  it('fails the invocation for a payload that is not a CloudWatch Logs subscription event', async () => {
    await expect(createNotifier(notifierConfig, new FakeSns(), () => undefined)({ awslogs: { data: 'bm90IGd6aXA=' } })).rejects.toThrow();
  });

  it('keeps subjects within 100 printable ASCII characters', async () => {
    const { sns, result } = run([
      record('seed-iam-user-failed-mfa', (r) => {
        r.userIdentity.userName = `ä${'very-long-user-name-'.repeat(8)}`;
        r.userIdentity.arn = `arn:aws:iam::111122223333:user/${r.userIdentity.userName}`;
      }),
    ]);
    await result;
    const subject = sns.to('security')[0].Subject!;
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_LIMIT);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject).toMatch(/^\[high\] MFA failed: \?very-long-user-name-.*\.\.\. in prod \(111122223333\) from 198\.51\.100\.23$/);
  });
});
