import { evaluate, isAllowed } from '../iam-policy';

const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyHttp', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    {
      Sid: 'Write', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/AWSLogs/111122223333/*',
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:111122223333:trail/t' } },
    },
  ],
};
const req = (over: Partial<Parameters<typeof evaluate>[1]> = {}) => ({
  principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: 'arn:aws:s3:::b/AWSLogs/111122223333/x.json.gz', resourceAccount: '111122223333',
  context: { 'aws:SecureTransport': 'true', 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:111122223333:trail/t' }, ...over,
});

describe('iam-policy helper', () => {
  it('allows what the policy allows and denies what it does not', async () => {
    expect(await evaluate({ resourcePolicy: JSON.stringify(bucketPolicy) }, req())).toBe('Allowed');
    expect(await isAllowed({ resourcePolicy: bucketPolicy }, req({ context: { 'aws:SecureTransport': 'true' } }))).toBe(false);
    expect(await evaluate({ resourcePolicy: bucketPolicy }, req({ context: { 'aws:SecureTransport': 'false', 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:111122223333:trail/t' } }))).toBe('ExplicitlyDenied');
    expect(await evaluate({ resourcePolicy: bucketPolicy }, req({ principal: 'anonymous' }))).not.toBe('Allowed');
  });
  it('throws on input the simulator rejects, instead of answering "denied"', async () => {
    await expect(evaluate({ resourcePolicy: bucketPolicy }, req({ action: 's3:NoSuchAction' }))).rejects.toThrow(/iam-simulate rejected/);
  });
});

describe('iam-policy helper: context keys', () => {
  const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
  const keyPolicy = {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'Encrypt', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*',
      Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111122223333:trail/*' } },
    }],
  };
  const gen = (context: Record<string, string>) => ({ principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: keyArn, resourceAccount: '111122223333', context });

  it('evaluates KMS encryption-context conditions (which the validated run would drop)', async () => {
    expect(await evaluate({ resourcePolicy: keyPolicy }, gen({ 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/t' }))).toBe('Allowed');
    expect(await evaluate({ resourcePolicy: keyPolicy }, gen({ 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/t' }))).not.toBe('Allowed');
    expect(await evaluate({ resourcePolicy: keyPolicy }, gen({}))).not.toBe('Allowed');
  });

  it('throws on a context key that does not apply to the action, instead of ignoring it', async () => {
    await expect(evaluate({ resourcePolicy: keyPolicy }, gen({ 's3:x-amz-acl': 'private' }))).rejects.toThrow(/do not apply to kms:GenerateDataKey/);
  });
});
