/**
 * What an environment names but does not own, created in the emulator before the first apply, the
 * way a user must create it before `cdktf deploy` (docs/deploying.md, "One-time prerequisites", and the options
 * of each module). Everything here is derived from the environment's config, so a new example
 * environment gets its prerequisites without a change to the harness:
 *
 * - the deploy roles of `deployment.*.roleArn` (the providers assume them);
 * - the reader roles of `trail.readers` (a key policy may only name principals that exist);
 * - the external subscribers of `alerting.topics[].subscriptions`: an SQS queue for `sqs`, a Lambda
 *   function for `lambda` (the stack grants SNS permission to invoke it);
 * - the existing log bucket when `trail.existingBucket` is true, which the stack adopts with
 *   `terraform import` (see importsOf) instead of creating it;
 * - with `existingTrail`, the trail trailwatch then does not create (see existingTrailOf): its log
 *   group, which every metric filter is put on, and the trail with the configured ARN delivering to it.
 *
 * An existing-trail environment has no `trail` section: its defaults are never read here.
 */
import type { Environment } from '../config/environment-schema';
import { logBucketAccount, logBucketName } from '../config/naming';
import { clientFor, type AccountCredentialsMap } from './accounts';
import type { EmulatorClient } from './aws';

const IAM_VERSION = '2010-05-08';
const SQS_VERSION = '2012-11-05';

/** The parts of an ARN (arn:partition:service:region:account:resource). */
export function parseArn(arn: string): { service: string; region: string; account: string; resource: string } {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw new Error(`not an ARN: "${arn}"`);
  return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

function subscriptions(env: Environment): { protocol: string; endpoint: string }[] {
  return env.alerting.topics.flatMap((t) => t.subscriptions ?? []);
}

/** The `trail.readers` roles; none with `existingTrail` (trailwatch creates no trail key then). */
function readerRoleArns(env: Environment): string[] {
  return env.existingTrail ? [] : env.trail.readers;
}

function deployRoleArns(env: Environment): string[] {
  return [env.deployment.management.roleArn, ...(env.deployment.logArchive ? [env.deployment.logArchive.roleArn] : [])];
}

/** Every account the environment acts in or names: the emulator must know each one. */
export function accountsOf(env: Environment): string[] {
  const accounts = new Set([env.managementAccountId, logBucketAccount(env)]);
  for (const arn of [...deployRoleArns(env), ...readerRoleArns(env)]) accounts.add(parseArn(arn).account);
  for (const s of subscriptions(env)) if (s.protocol === 'sqs' || s.protocol === 'lambda') accounts.add(parseArn(s.endpoint).account);
  return [...accounts].sort();
}

async function createRole(endpoint: string, credentials: AccountCredentialsMap, roleArn: string, trustedService?: string): Promise<string> {
  const { account, resource } = parseArn(roleArn);
  // role/<path/>name: the path is everything between "role" and the last segment, with slashes around it.
  const segments = resource.split('/').slice(1);
  const name = segments.pop()!;
  const rolePath = segments.length ? `/${segments.join('/')}/` : '/';
  const principal = trustedService ? { Service: trustedService } : { AWS: `arn:aws:iam::${account}:root` };
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] };
  await clientFor(endpoint, credentials, account, 'us-east-1').query('iam', 'CreateRole', IAM_VERSION, {
    RoleName: name,
    Path: rolePath,
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
  return `role ${roleArn}`;
}

async function createQueue(endpoint: string, credentials: AccountCredentialsMap, queueArn: string): Promise<string> {
  const { account, region, resource } = parseArn(queueArn);
  await clientFor(endpoint, credentials, account, region).query('sqs', 'CreateQueue', SQS_VERSION, { QueueName: resource });
  return `queue ${queueArn}`;
}

/** The smallest valid zip archive (an empty one): moto stores a function's code but never runs it here. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]).toString('base64');

async function createFunction(endpoint: string, credentials: AccountCredentialsMap, functionArn: string): Promise<string> {
  const { account, region, resource } = parseArn(functionArn);
  const name = resource.split(':')[1];
  const roleArn = `arn:aws:iam::${account}:role/trailwatch-e2e-${name}`.slice(0, 200);
  await createRole(endpoint, credentials, roleArn, 'lambda.amazonaws.com');
  const lambda: EmulatorClient = clientFor(endpoint, credentials, account, region);
  await lambda.rest(
    'lambda',
    'POST',
    '/2015-03-31/functions',
    JSON.stringify({ FunctionName: name, Runtime: 'nodejs20.x', Role: roleArn, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }),
    { 'content-type': 'application/json' },
  );
  return `function ${functionArn}`;
}

async function createBucket(endpoint: string, credentials: AccountCredentialsMap, account: string, region: string, bucket: string): Promise<string> {
  const body =
    region === 'us-east-1'
      ? undefined
      : `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
  await clientFor(endpoint, credentials, account, region).rest('s3', 'PUT', `/${bucket}`, body);
  return `bucket ${bucket} (account ${account}, ${region})`;
}

/** What stands in for the organization trail an `existingTrail` environment names but does not own. */
export interface ExistingTrailPrerequisite {
  /** The management account, which owns the trail and its log group. */
  readonly account: string;
  /** The home region: the log group and the trail are there. */
  readonly region: string;
  /** `existingTrail.logGroupName`: the log group every metric filter of the stack is put on. */
  readonly logGroupName: string;
  /** The trail of `existingTrail.trailArn` (none when the config names no ARN). */
  readonly trail?: {
    readonly name: string;
    readonly arn: string;
    /** Its S3 bucket (moto's CreateTrail requires one in the trail's own account). */
    readonly bucket: string;
    /** Role CloudTrail assumes to write to the log group (CreateTrail needs it with the log group). */
    readonly cloudWatchLogsRoleArn: string;
  };
}

/** The existing trail and log group of the environment, or undefined when trailwatch creates its own trail. */
export function existingTrailOf(env: Environment): ExistingTrailPrerequisite | undefined {
  const existing = env.existingTrail;
  if (!existing) return undefined;
  const account = env.managementAccountId;
  const region = env.homeRegion; // existingTrail.homeRegion must equal it (config check)
  if (!existing.trailArn) return { account, region, logGroupName: existing.logGroupName };
  const name = parseArn(existing.trailArn).resource.split('/')[1];
  return {
    account,
    region,
    logGroupName: existing.logGroupName,
    trail: {
      name,
      arn: existing.trailArn,
      bucket: `trailwatch-e2e-existing-trail-${account}`,
      cloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/trailwatch-e2e-${name}-logs`.slice(0, 200),
    },
  };
}

/**
 * Creates the existing log group, then (with a trail ARN) the trail delivering to it, as Control Tower
 * or the user did before trailwatch. APIs: CloudWatch Logs CreateLogGroup; CloudTrail CreateTrail
 * (CloudTrail API reference, CreateTrail: CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn name a
 * log group and role that exist in the account).
 */
async function createExistingTrail(endpoint: string, credentials: AccountCredentialsMap, p: ExistingTrailPrerequisite): Promise<string[]> {
  const client = clientFor(endpoint, credentials, p.account, p.region);
  await client.json('logs', 'Logs_20140328', 'CreateLogGroup', { logGroupName: p.logGroupName });
  const created = [`log group ${p.logGroupName} (account ${p.account}, ${p.region})`];
  if (!p.trail) return created;
  const t = p.trail;
  created.push(
    ...(await Promise.all([
      createRole(endpoint, credentials, t.cloudWatchLogsRoleArn, 'cloudtrail.amazonaws.com'),
      createBucket(endpoint, credentials, p.account, p.region, t.bucket),
    ])),
  );
  await client.json('cloudtrail', 'CloudTrail_20131101', 'CreateTrail', {
    Name: t.name,
    S3BucketName: t.bucket,
    IsMultiRegionTrail: true,
    IsOrganizationTrail: true,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:${p.region}:${p.account}:log-group:${p.logGroupName}:*`,
    CloudWatchLogsRoleArn: t.cloudWatchLogsRoleArn,
  });
  created.push(`trail ${t.arn} → log group ${p.logGroupName}`);
  return created;
}

/** Creates every prerequisite of the environment; returns one line per thing created. */
export async function createPrerequisites(env: Environment, endpoint: string, credentials: AccountCredentialsMap): Promise<string[]> {
  const created: Promise<string>[] = [];
  for (const arn of new Set([...deployRoleArns(env), ...readerRoleArns(env)])) created.push(createRole(endpoint, credentials, arn));
  for (const s of subscriptions(env)) {
    if (s.protocol === 'sqs') created.push(createQueue(endpoint, credentials, s.endpoint));
    if (s.protocol === 'lambda') created.push(createFunction(endpoint, credentials, s.endpoint));
  }
  if (!env.existingTrail && env.trail.existingBucket) created.push(createBucket(endpoint, credentials, logBucketAccount(env), env.homeRegion, logBucketName(env)));
  const existingTrail = existingTrailOf(env);
  const trailLines = existingTrail ? createExistingTrail(endpoint, credentials, existingTrail) : Promise.resolve([]);
  const [lines, existingLines] = await Promise.all([Promise.all(created), trailLines]);
  return [...lines, ...existingLines];
}

/**
 * `terraform import` arguments for what the environment adopts instead of creating: the existing log
 * bucket, found in the synthesized stack by its name (the address carries a hash; docs/organization-trail.md, "Importing an existing trail or bucket").
 */
export function importsOf(env: Environment, stack: { resource?: Record<string, Record<string, any>> }): { address: string; id: string }[] {
  if (env.existingTrail || !env.trail.existingBucket) return [];
  const bucket = logBucketName(env);
  const matches = Object.entries(stack.resource?.aws_s3_bucket ?? {}).filter(([, r]) => r.bucket === bucket);
  if (matches.length !== 1) throw new Error(`expected one aws_s3_bucket named ${bucket} in the stack of ${env.name}, found ${matches.length}`);
  return [{ address: `aws_s3_bucket.${matches[0][0]}`, id: bucket }];
}
