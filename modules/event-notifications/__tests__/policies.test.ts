/**
 * The function's permissions and its log key, evaluated by effect with an IAM policy simulator
 * (__tests__/support/iam-policy.ts), not by comparing policy text.
 */
import { evaluate } from '../../../__tests__/support/iam-policy';
import { keyPolicy } from '../../alert-topics/policies';
import { functionLogKeyPolicy, functionPolicy, functionTrustPolicy } from '../policies';
import { topic } from './support';

const ACCOUNT = '111111111111';
const scope = { accountId: ACCOUNT, region: 'us-east-1' };
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/acme-acme-prod-notify/acme-acme-prod-notify`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const base = {
  ...scope,
  functionLogGroupName: '/aws/lambda/acme-acme-prod-notify',
  topicArns: [topic('security'), topic('pager')],
  failureQueueName: 'acme-acme-prod-notify-failed',
};
const byAlias = functionPolicy({ ...base, topicKey: { aliasName: 'alias/acme-acme-prod-alerts' } });
const byArn = functionPolicy({ ...base, topicKey: { keyArn: KEY } });

// KMS honours an IAM grant only when the key policy delegates to the account: the alerts key's policy does.
const alertsKeyPolicy = keyPolicy({ ...scope, topicNames: [], publishers: [] });
const asFunction = (policy: object, action: string, resource: string, context: Record<string, string | string[]> = {}) =>
  evaluate(
    { identityPolicies: [policy], ...(action.startsWith('kms:') ? { resourcePolicy: alertsKeyPolicy } : {}) },
    { principal: ROLE, action, resource, resourceAccount: ACCOUNT, context },
  );

describe('notification function role', () => {
  it('may publish to the routed topics and to no other', async () => {
    expect(await asFunction(byAlias, 'sns:Publish', topic('security'))).toBe('Allowed');
    expect(await asFunction(byAlias, 'sns:Publish', topic('pager'))).toBe('Allowed');
    expect(await asFunction(byAlias, 'sns:Publish', topic('digest'))).toBe('ImplicitlyDenied');
    expect(await asFunction(byAlias, 'sns:Subscribe', topic('security'))).toBe('ImplicitlyDenied');
  });

  it('may use the alerts key (named by its alias) only through SNS', async () => {
    const viaSns = { 'kms:ViaService': 'sns.us-east-1.amazonaws.com', 'kms:ResourceAliases': ['alias/acme-acme-prod-alerts'] };
    expect(await asFunction(byAlias, 'kms:GenerateDataKey', KEY, viaSns)).toBe('Allowed');
    expect(await asFunction(byAlias, 'kms:Decrypt', KEY, viaSns)).toBe('Allowed');
    expect(await asFunction(byAlias, 'kms:GenerateDataKey', KEY, { ...viaSns, 'kms:ViaService': 's3.us-east-1.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(await asFunction(byAlias, 'kms:GenerateDataKey', KEY, { ...viaSns, 'kms:ResourceAliases': ['alias/someone-else'] })).toBe('ImplicitlyDenied');
    expect(await asFunction(byAlias, 'kms:Encrypt', KEY, viaSns)).toBe('ImplicitlyDenied');
  });

  it('may use a given key ARN only through SNS, and no other key', async () => {
    const viaSns = { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' };
    expect(await asFunction(byArn, 'kms:GenerateDataKey', KEY, viaSns)).toBe('Allowed');
    expect(await asFunction(byArn, 'kms:GenerateDataKey', KEY.replace('1234abcd', '9999abcd'), viaSns)).toBe('ImplicitlyDenied');
    expect(await asFunction(byArn, 'kms:Decrypt', KEY, { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  it('may write its own log streams and send to its failure queue, and nothing else there', async () => {
    const own = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/acme-acme-prod-notify:log-stream:2026/12/01/[$LATEST]abc`;
    expect(await asFunction(byAlias, 'logs:PutLogEvents', own)).toBe('Allowed');
    expect(await asFunction(byAlias, 'logs:CreateLogStream', own)).toBe('Allowed');
    const trail = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/trailwatch/acme-acme-prod/cloudtrail:log-stream:x`;
    expect(await asFunction(byAlias, 'logs:PutLogEvents', trail)).toBe('ImplicitlyDenied');
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:acme-acme-prod-notify-failed`;
    expect(await asFunction(byAlias, 'sqs:SendMessage', queue)).toBe('Allowed');
    expect(await asFunction(byAlias, 'sqs:ReceiveMessage', queue)).toBe('ImplicitlyDenied');
    expect(await asFunction(byAlias, 'sqs:SendMessage', queue.replace('notify-failed', 'alerts-dlq'))).toBe('ImplicitlyDenied');
  });

  it('is assumed by Lambda only', async () => {
    const trust = { ...functionTrustPolicy(), Statement: functionTrustPolicy().Statement.map((s) => ({ ...s, Resource: '*' })) };
    const role = `arn:aws:iam::${ACCOUNT}:role/acme-acme-prod-notify`;
    const assume = (principal: string) => evaluate({ resourcePolicy: trust }, { principal, action: 'sts:AssumeRole', resource: role, resourceAccount: ACCOUNT });
    expect(await assume('lambda.amazonaws.com')).toBe('Allowed');
    expect(await assume('ec2.amazonaws.com')).toBe('ImplicitlyDenied');
  });
});

describe('function log key policy', () => {
  const policy = functionLogKeyPolicy(scope, '/aws/lambda/acme-acme-prod-notify');
  const logs = (logGroup: string) =>
    evaluate(
      { resourcePolicy: policy },
      {
        principal: 'logs.us-east-1.amazonaws.com',
        action: 'kms:GenerateDataKey',
        resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        resourceAccount: ACCOUNT,
        context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${logGroup}` },
      },
    );

  it('lets CloudWatch Logs encrypt the function log group and no other', async () => {
    expect(await logs('/aws/lambda/acme-acme-prod-notify')).toBe('Allowed');
    expect(await logs('/aws/lambda/someone-else')).toBe('ImplicitlyDenied');
  });
});
