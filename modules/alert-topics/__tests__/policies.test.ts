/**
 * The key, topic and dead-letter queue policies tested by their EFFECT: an IAM policy evaluator
 * (iam-simulate, Strict mode) decides each request against the policies as synthesized.
 */
import { evaluate, type Decision, type PolicyRequest } from '../../../__tests__/support/iam-policy';
import { ACCOUNT, acmeProps, PREFIX, REGION, synth } from './support';

const OTHER_ACCOUNT = '999999999999';
const PAGER = `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-pager`;
const SECURITY = `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-security`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:${PREFIX}-alerts-dlq`;

const { json } = synth(acmeProps());
const topicPolicy = (name: string) => Object.values<any>(json.resource.aws_sns_topic).find((t) => t.name === name).policy as string;
const keyPolicy = Object.values<any>(json.resource.aws_kms_key)[0].policy as string;
const queuePolicy = Object.values<any>(json.resource.aws_sqs_queue)[0].policy as string;

/** CloudWatch acting for an alarm of `account` (aws:SourceAccount / aws:SourceArn), over TLS unless told. */
function fromCloudWatch(account = ACCOUNT, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'aws:SecureTransport': 'true',
    'aws:SourceAccount': account,
    'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${account}:alarm:${PREFIX}-root-usage`,
    ...extra,
  };
}

const publish = (topic: string, principal: string, context: Record<string, string>): PolicyRequest => ({
  principal, action: 'sns:Publish', resource: topic, resourceAccount: ACCOUNT, context,
});
const useKey = (action: string, principal: string, context: Record<string, string>): PolicyRequest => ({
  principal, action, resource: KEY, resourceAccount: ACCOUNT, context,
});
const onTopic = (topic: string, r: PolicyRequest): Promise<Decision> => evaluate({ resourcePolicy: topicPolicy(`${topic}`) }, r);
const onKey = (r: PolicyRequest): Promise<Decision> => evaluate({ resourcePolicy: keyPolicy }, r);

describe('topic policy, by effect', () => {
  it.each([`${PREFIX}-pager`, `${PREFIX}-security`])('%s: CloudWatch alarms of this account may publish', async (name) => {
    const arn = `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
    expect(await onTopic(name, publish(arn, 'cloudwatch.amazonaws.com', fromCloudWatch()))).toBe('Allowed');
  });

  it('CloudWatch on behalf of another account may not publish (confused deputy)', async () => {
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'cloudwatch.amazonaws.com', fromCloudWatch(OTHER_ACCOUNT)))).not.toBe('Allowed');
    // Right account claimed but another account's alarm, or no source at all: denied too.
    const mixed = fromCloudWatch(ACCOUNT, { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${OTHER_ACCOUNT}:alarm:x` });
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'cloudwatch.amazonaws.com', mixed))).not.toBe('Allowed');
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'cloudwatch.amazonaws.com', { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
  });

  it('an anonymous principal and a principal outside the organization may not publish', async () => {
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'anonymous', { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
    const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/attacker`;
    expect(
      await evaluate(
        { resourcePolicy: topicPolicy(`${PREFIX}-pager`), identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: '*' }] }] },
        publish(PAGER, outsider, { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': OTHER_ACCOUNT, 'aws:PrincipalOrgID': 'o-someoneelse1' }),
      ),
    ).not.toBe('Allowed');
  });

  it('publishing over plain HTTP is explicitly denied, even for CloudWatch of this account', async () => {
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'cloudwatch.amazonaws.com', fromCloudWatch(ACCOUNT, { 'aws:SecureTransport': 'false' })))).toBe('ExplicitlyDenied');
    const admin = `arn:aws:iam::${ACCOUNT}:role/admin`;
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: '*' }] };
    expect(await evaluate({ resourcePolicy: topicPolicy(`${PREFIX}-pager`), identityPolicies: [allowAll] }, publish(PAGER, admin, { 'aws:SecureTransport': 'false' }))).toBe('ExplicitlyDenied');
    expect(await evaluate({ resourcePolicy: topicPolicy(`${PREFIX}-pager`), identityPolicies: [allowAll] }, publish(PAGER, admin, { 'aws:SecureTransport': 'true' }))).toBe('Allowed');
  });

  it('the owner account manages the topic through IAM; others cannot', async () => {
    const manage = (principal: string, identity: object[]) =>
      evaluate({ resourcePolicy: topicPolicy(`${PREFIX}-pager`), identityPolicies: identity }, { principal, action: 'sns:SetTopicAttributes', resource: PAGER, resourceAccount: ACCOUNT, context: { 'aws:SecureTransport': 'true' } });
    const allow = [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:SetTopicAttributes', Resource: PAGER }] }];
    expect(await manage(`arn:aws:iam::${ACCOUNT}:role/TrailwatchDeploy`, allow)).toBe('Allowed');
    expect(await manage(`arn:aws:iam::${OTHER_ACCOUNT}:role/TrailwatchDeploy`, allow)).not.toBe('Allowed');
  });

  it('EventBridge and Budgets may publish only where configured, and only for this account', async () => {
    const events = (account: string) => ({ 'aws:SecureTransport': 'true', 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:events:${REGION}:${account}:rule/guardduty-findings` });
    const budgets = (account: string) => ({ 'aws:SecureTransport': 'true', 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:budgets::${account}:budget/monthly` });
    expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, 'events.amazonaws.com', events(ACCOUNT)))).toBe('Allowed');
    expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, 'budgets.amazonaws.com', budgets(ACCOUNT)))).toBe('Allowed');
    expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, 'events.amazonaws.com', events(OTHER_ACCOUNT)))).not.toBe('Allowed');
    expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, 'budgets.amazonaws.com', budgets(OTHER_ACCOUNT)))).not.toBe('Allowed');
    // Budgets' source condition is not EventBridge's: a budget ARN does not let EventBridge in.
    expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, 'events.amazonaws.com', budgets(ACCOUNT)))).not.toBe('Allowed');
    // The pager topic names no extra publishers.
    expect(await onTopic(`${PREFIX}-pager`, publish(PAGER, 'events.amazonaws.com', events(ACCOUNT)))).not.toBe('Allowed');
  });
});

describe('key policy, by effect', () => {
  it.each(['kms:GenerateDataKey', 'kms:Decrypt'])('CloudWatch alarms of this account may use the key (%s)', async (action) => {
    expect(await onKey(useKey(action, 'cloudwatch.amazonaws.com', fromCloudWatch()))).toBe('Allowed');
  });

  it('CloudWatch on behalf of another account, an anonymous principal and an outsider may not use the key', async () => {
    expect(await onKey(useKey('kms:GenerateDataKey', 'cloudwatch.amazonaws.com', fromCloudWatch(OTHER_ACCOUNT)))).not.toBe('Allowed');
    expect(await onKey(useKey('kms:Decrypt', 'anonymous', { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
    expect(
      await evaluate({ resourcePolicy: keyPolicy, identityPolicies: [allowAll] }, useKey('kms:Decrypt', `arn:aws:iam::${OTHER_ACCOUNT}:role/attacker`, { 'aws:SecureTransport': 'true' })),
    ).not.toBe('Allowed');
  });

  it('CloudWatch may not administer the key, only encrypt for its alarms', async () => {
    expect(await onKey(useKey('kms:ScheduleKeyDeletion', 'cloudwatch.amazonaws.com', fromCloudWatch()))).not.toBe('Allowed');
    expect(await onKey(useKey('kms:PutKeyPolicy', 'cloudwatch.amazonaws.com', fromCloudWatch()))).not.toBe('Allowed');
  });

  it('SNS may use the key for the dead-letter queue only on behalf of this module\'s topics', async () => {
    const sns = (sourceArn: string) => ({ 'aws:SecureTransport': 'true', 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sourceArn });
    expect(await onKey(useKey('kms:GenerateDataKey', 'sns.amazonaws.com', sns(PAGER)))).toBe('Allowed');
    expect(await onKey(useKey('kms:GenerateDataKey', 'sns.amazonaws.com', sns(`arn:aws:sns:${REGION}:${ACCOUNT}:someone-elses-topic`)))).not.toBe('Allowed');
  });

  it('EventBridge and Budgets may use the key even without source keys in the KMS request (else delivery fails silently)', async () => {
    for (const service of ['events.amazonaws.com', 'budgets.amazonaws.com']) {
      expect(await onKey(useKey('kms:GenerateDataKey', service, { 'aws:SecureTransport': 'true' }))).toBe('Allowed');
      expect(await onKey(useKey('kms:Decrypt', service, { 'aws:SecureTransport': 'true' }))).toBe('Allowed');
      // ...which lets them publish nothing: the topic policy still requires this account's source.
      expect(await onTopic(`${PREFIX}-security`, publish(SECURITY, service, { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
    }
  });

  it('grants extra publishers nothing on the key when no topic lists them', async () => {
    const { json: plain } = synth(acmeProps({ topics: [{ name: 'security' }], routing: undefined }));
    const policy = Object.values<any>(plain.resource.aws_kms_key)[0].policy as string;
    expect(await evaluate({ resourcePolicy: policy }, useKey('kms:GenerateDataKey', 'events.amazonaws.com', { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
  });

  it('the owner account administers the key through IAM', async () => {
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*' }] };
    expect(await evaluate({ resourcePolicy: keyPolicy, identityPolicies: [allow] }, useKey('kms:PutKeyPolicy', `arn:aws:iam::${ACCOUNT}:role/TrailwatchDeploy`, { 'aws:SecureTransport': 'true' }))).toBe('Allowed');
  });
});

describe('dead-letter queue policy, by effect', () => {
  const send = (principal: string, context: Record<string, string>): PolicyRequest => ({ principal, action: 'sqs:SendMessage', resource: DLQ, resourceAccount: ACCOUNT, context });

  it('the alert topics may dead-letter into it; other topics, other accounts and plain HTTP may not', async () => {
    const ctx = (sourceArn: string, account = ACCOUNT) => ({ 'aws:SecureTransport': 'true', 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn });
    expect(await evaluate({ resourcePolicy: queuePolicy }, send('sns.amazonaws.com', ctx(PAGER)))).toBe('Allowed');
    expect(await evaluate({ resourcePolicy: queuePolicy }, send('sns.amazonaws.com', ctx(SECURITY)))).toBe('Allowed');
    expect(await evaluate({ resourcePolicy: queuePolicy }, send('sns.amazonaws.com', ctx(`arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:${PREFIX}-pager`, OTHER_ACCOUNT)))).not.toBe('Allowed');
    expect(await evaluate({ resourcePolicy: queuePolicy }, send('sns.amazonaws.com', { ...ctx(PAGER), 'aws:SecureTransport': 'false' }))).toBe('ExplicitlyDenied');
    expect(await evaluate({ resourcePolicy: queuePolicy }, send('anonymous', { 'aws:SecureTransport': 'true' }))).not.toBe('Allowed');
  });
});

describe('an alarm really reaches an encrypted topic', () => {
  it('for every severity, the routed topics are encrypted with a key CloudWatch may use, and CloudWatch may publish to each', async () => {
    const { topics, json: synthesized } = synth(acmeProps());
    const key = Object.values<any>(synthesized.resource.aws_kms_key)[0].policy as string;
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      for (const arn of topics.actionsFor(severity).alarmActions) {
        const topic = Object.values<any>(synthesized.resource.aws_sns_topic).find((t) => arn.endsWith(`:${t.name}`));
        expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alerting_key_/);
        expect(await evaluate({ resourcePolicy: topic.policy }, publish(arn, 'cloudwatch.amazonaws.com', fromCloudWatch()))).toBe('Allowed');
        expect(await evaluate({ resourcePolicy: key }, useKey('kms:GenerateDataKey', 'cloudwatch.amazonaws.com', fromCloudWatch()))).toBe('Allowed');
      }
    }
  });
});

// modules/common/key-administration.ts: KMS "Default key policy" (key administrators statement) and
// "Least-privilege permissions". The alarms keep publishing; the administrators cannot read a notification.
describe('alert key with named key administrators, by effect', () => {
  const ADMIN = `arn:aws:iam::${ACCOUNT}:role/AlertKeyAdmin`;
  const named = synth(acmeProps({ keyAdministrators: [ADMIN] })).json;
  const policy = Object.values<any>(named.resource.aws_kms_key)[0].policy as string;
  const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
  const as = (principal: string, action: string) => evaluate({ resourcePolicy: policy, identityPolicies: [everything] }, useKey(action, principal, {}));

  it('the administrator manages the key and cannot decrypt or generate data keys', async () => {
    expect(await as(ADMIN, 'kms:PutKeyPolicy')).toBe('Allowed');
    expect(await as(ADMIN, 'kms:ScheduleKeyDeletion')).toBe('Allowed');
    expect(await as(ADMIN, 'kms:Decrypt')).not.toBe('Allowed');
    expect(await as(ADMIN, 'kms:GenerateDataKey')).not.toBe('Allowed');
    expect(await as(ADMIN, 'kms:CreateGrant')).not.toBe('Allowed');
  });

  it('other principals of the account no longer reach the key through IAM; CloudWatch still encrypts for its alarms', async () => {
    expect(await as(`arn:aws:iam::${ACCOUNT}:role/Admin`, 'kms:Decrypt')).not.toBe('Allowed');
    expect(await as(`arn:aws:iam::${ACCOUNT}:role/Admin`, 'kms:PutKeyPolicy')).not.toBe('Allowed');
    expect(await evaluate({ resourcePolicy: policy }, useKey('kms:GenerateDataKey', 'cloudwatch.amazonaws.com', fromCloudWatch()))).toBe('Allowed');
  });
});
