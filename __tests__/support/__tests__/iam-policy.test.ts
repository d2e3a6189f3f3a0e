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
