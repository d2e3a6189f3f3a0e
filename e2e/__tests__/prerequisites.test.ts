/** What the harness creates before an apply is derived from config (e2e/prerequisites.ts); no moto needed. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadEnvironmentsOrThrow } from '../../config/load';
import type { AccountCredentialsMap } from '../accounts';
import { accountsOf, createPrerequisites, existingTrailOf, importsOf, parseArn } from '../prerequisites';

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

describe('existingTrailOf', () => {
  it('names the Control Tower log group and trail of initech-controltower in its management account and home region', () => {
    expect(existingTrailOf(env('config/initech-controltower.yaml'))).toEqual({
      account: '777777777777',
      region: 'eu-central-1',
      logGroupName: 'aws-controltower/CloudTrailLogs',
      trail: {
        name: 'aws-controltower-BaselineCloudTrail',
        arn: 'arn:aws:cloudtrail:eu-central-1:777777777777:trail/aws-controltower-BaselineCloudTrail',
        bucket: 'trailwatch-e2e-existing-trail-777777777777',
        cloudWatchLogsRoleArn: 'arn:aws:iam::777777777777:role/trailwatch-e2e-aws-controltower-BaselineCloudTrail-logs',
      },
    });
  });

  it('names only the log group when the config gives no trail ARN', () => {
    const e = env('config/initech-controltower.yaml');
    const withoutArn = { ...e, existingTrail: { ...e.existingTrail!, trailArn: undefined } };
    expect(existingTrailOf(withoutArn)).toEqual({ account: '777777777777', region: 'eu-central-1', logGroupName: 'aws-controltower/CloudTrailLogs' });
  });

  it('is undefined when trailwatch creates the trail', () => {
    expect(existingTrailOf(env('config/acme-prod.yaml'))).toBeUndefined();
  });
});

/** A stand-in emulator that records each request: service and region (credential scope), action, body. */
async function recordingEndpoint(): Promise<{ url: string; calls: { service: string; region: string; key: string; action: string; body: string }[]; close: () => void }> {
  const calls: { service: string; region: string; key: string; action: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const [key, , region, service] = /Credential=([^,]+)/.exec(req.headers.authorization ?? '')![1].split('/');
      const target = req.headers['x-amz-target'] as string | undefined;
      const action = target ? target.split('.')[1] : (new URLSearchParams(body).get('Action') ?? `${req.method} ${req.url}`);
      calls.push({ service, region, key, action, body });
      res.end(target ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => server.close() };
}

const credentialsOf = (accounts: string[]): AccountCredentialsMap =>
  new Map(accounts.map((a) => [a, { accountId: a, accessKeyId: `KEY${a}`, secretAccessKey: 's' }]));

describe('createPrerequisites with existingTrail', () => {
  it('creates the existing log group, then the trail delivering to it, in the management account and home region', async () => {
    const e = env('config/initech-controltower.yaml');
    const endpoint = await recordingEndpoint();
    try {
      const lines = await createPrerequisites(e, endpoint.url, credentialsOf(accountsOf(e)));
      expect(lines).toEqual(expect.arrayContaining([
        'role arn:aws:iam::777777777777:role/TrailwatchDeploy',
        'log group aws-controltower/CloudTrailLogs (account 777777777777, eu-central-1)',
        'trail arn:aws:cloudtrail:eu-central-1:777777777777:trail/aws-controltower-BaselineCloudTrail → log group aws-controltower/CloudTrailLogs',
      ]));
      const logGroup = endpoint.calls.find((c) => c.action === 'CreateLogGroup')!;
      expect(logGroup).toMatchObject({ service: 'logs', region: 'eu-central-1', key: 'KEY777777777777' });
      expect(JSON.parse(logGroup.body)).toEqual({ logGroupName: 'aws-controltower/CloudTrailLogs' });
      const trail = endpoint.calls.find((c) => c.action === 'CreateTrail')!;
      expect(trail).toMatchObject({ service: 'cloudtrail', region: 'eu-central-1', key: 'KEY777777777777' });
      expect(JSON.parse(trail.body)).toMatchObject({
        Name: 'aws-controltower-BaselineCloudTrail',
        IsOrganizationTrail: true,
        CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-central-1:777777777777:log-group:aws-controltower/CloudTrailLogs:*',
      });
      // The trail needs its log group, bucket and role first (moto's CreateTrail checks the bucket).
      const order = endpoint.calls.map((c) => c.action);
      expect(order.indexOf('CreateTrail')).toBeGreaterThan(order.indexOf('CreateLogGroup'));
      expect(order.indexOf('CreateTrail')).toBeGreaterThan(order.indexOf('PUT /trailwatch-e2e-existing-trail-777777777777'));
    } finally {
      endpoint.close();
    }
  });

  it('creates no log group or trail for an environment that creates its own trail', async () => {
    const e = env('config/acme-sandbox.yaml');
    const endpoint = await recordingEndpoint();
    try {
      await createPrerequisites(e, endpoint.url, credentialsOf(accountsOf(e)));
      expect(endpoint.calls.map((c) => c.action)).toEqual(['CreateRole']);
    } finally {
      endpoint.close();
    }
  });
});

describe('an existing-trail environment', () => {
  it('names only its management account and imports nothing', () => {
    const e = env('config/initech-controltower.yaml');
    expect(accountsOf(e)).toEqual(['777777777777']);
    expect(importsOf(e, { resource: {} })).toEqual([]);
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
