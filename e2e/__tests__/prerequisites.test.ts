/** What the harness creates before an apply is derived from config (e2e/prerequisites.ts); no moto needed. */
import { loadEnvironmentsOrThrow } from '../../config/load';
import { accountsOf, importsOf, parseArn } from '../prerequisites';

const env = (file: string) => loadEnvironmentsOrThrow(file)[0].env;

describe('accountsOf', () => {
  it('names the management, log-archive and reader accounts of acme-prod', () => {
    expect(accountsOf(env('config/acme-prod.yaml'))).toEqual(['111111111111', '222222222222', '666666666666']);
  });

  it('names the one account of the sandbox', () => {
    expect(accountsOf(env('config/acme-sandbox.yaml'))).toEqual(['333333333333']);
  });

  it('adds the account of an external subscriber', () => {
    const e = env('config/globex-prod.yaml');
    const withQueue = {
      ...e,
      alerting: { ...e.alerting, topics: [{ ...e.alerting.topics[0], subscriptions: [{ protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:777777777777:q' }] }] },
    } as typeof e;
    expect(accountsOf(withQueue)).toContain('777777777777');
  });
});

describe('importsOf', () => {
  it('imports the existing log bucket of globex-prod by its name', () => {
    const stack = { resource: { aws_s3_bucket: { trail_log_1: { bucket: 'globex-cloudtrail-logs-eu' }, other: { bucket: 'x' } } } };
    expect(importsOf(env('config/globex-prod.yaml'), stack)).toEqual([{ address: 'aws_s3_bucket.trail_log_1', id: 'globex-cloudtrail-logs-eu' }]);
  });

  it('imports nothing when the bucket is created by the stack', () => {
    expect(importsOf(env('config/acme-prod.yaml'), { resource: {} })).toEqual([]);
  });

  it('fails when the stack has no bucket of that name', () => {
    expect(() => importsOf(env('config/globex-prod.yaml'), { resource: { aws_s3_bucket: {} } })).toThrow(/expected one aws_s3_bucket named globex-cloudtrail-logs-eu/);
  });
});

describe('parseArn', () => {
  it('splits an ARN whose resource holds colons', () => {
    expect(parseArn('arn:aws:lambda:eu-west-1:444444444444:function:relay')).toEqual({
      service: 'lambda', region: 'eu-west-1', account: '444444444444', resource: 'function:relay',
    });
    expect(() => parseArn('not-an-arn')).toThrow(/not an ARN/);
  });
});
