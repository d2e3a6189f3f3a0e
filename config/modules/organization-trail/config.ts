/**
 * The `trail` section of the environment config, owned by this module: the organization trail, its log
 * bucket, trail key and CloudWatch Logs delivery.
 */
import { z } from 'zod';
import type { Environment } from '../../environment-schema';
import { accessLogBucketName, logBucketName, trailLogGroupName } from '../../naming';
import { AWS_REGIONS, ROLE_ARN } from '../../../modules/common/aws-values';
import { LOG_RETENTION_DAYS, MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from '../../../modules/common/cloudwatch-limits';
import type { Problem } from '../../../modules/common/errors';
import { readerArnProblem } from '../../../modules/organization-trail/props-problems';

const BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)(?!.*--ol-s3$)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
export const TRANSITION_STORAGE_CLASSES = ['STANDARD_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const;


const days = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of days from ${min} to ${max}` })
    .int({ error: `must be a whole number of days from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} days${what}` })
    .max(max, { error: `must be at most ${max} days` });

const bucketName = (what: string, defaultName: string) =>
  z
    .string()
    .regex(BUCKET_NAME, { error: 'must be a valid S3 bucket name: 3-63 lower-case letters, digits and hyphens (no dots: TLS to virtual-hosted names breaks)' })
    .optional()
    .meta({ description: `${what} @default "${defaultName}"` });

const lifecycle = z
  .strictObject({
    transitionAfterDays: days('', 1, 36_500)
      .nullable()
      .default(90)
      .meta({ description: 'Move log objects to transitionStorageClass after this many days; null keeps them in STANDARD. @default 90' }),
    transitionStorageClass: z
      .enum(TRANSITION_STORAGE_CLASSES, { error: `must be one of ${TRANSITION_STORAGE_CLASSES.join(', ')}` })
      .default('GLACIER_IR')
      .meta({ description: 'Storage class of the transition (GLACIER_IR keeps millisecond reads for investigations). @default "GLACIER_IR"' }),
    expireAfterDays: days(' (logs are kept at least one year: set null to keep them forever)', 365, 36_500)
      .nullable()
      .default(365)
      .meta({ description: 'Delete log objects after this many days (at least 365); null keeps them forever. @default 365' }),
    noncurrentVersionExpireAfterDays: days('', 1, 36_500)
      .default(90)
      .meta({ description: 'Delete overwritten/deleted (noncurrent) versions after this many days. @default 90' }),
  })
  .default({ transitionAfterDays: 90, transitionStorageClass: 'GLACIER_IR', expireAfterDays: 365, noncurrentVersionExpireAfterDays: 90 })
  .meta({ description: 'Lifecycle of the log bucket objects.' });

const objectLock = z
  .strictObject({
    mode: z
      .enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be GOVERNANCE (privileged users may remove it) or COMPLIANCE (nobody can, not even root)' })
      .meta({ description: 'Default retention mode of new log objects. Required.' }),
    retentionDays: days('', 1, 36_500).meta({ description: 'Default retention of new log objects, in days. Required.' }),
  })
  .optional()
  .meta({ description: 'S3 Object Lock (WORM) on the log bucket. Only possible when trailwatch creates the bucket: it cannot be added to an existing bucket. @default none (off)' });

export const trailSection = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9][\w.-]{1,126}[a-zA-Z0-9]$/, { error: 'must be 3-128 letters, digits, periods, underscores and hyphens, starting and ending with a letter or digit' })
      .optional()
      .meta({ description: 'Name of the organization trail. @default "<namingPrefix>-<name>-organization-trail"' }),
    bucketName: bucketName('Name of the log bucket (in the log-archive account when set, else the management account).', '<namingPrefix>-<name>-cloudtrail-<bucket account>'),
    accessLogBucketName: bucketName('Name of the bucket that receives the log bucket\'s S3 server access logs.', '<namingPrefix>-<name>-access-logs-<bucket account>'),
    existingBucket: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .meta({ description: 'The log bucket already exists and is imported into the state (terraform import) instead of created: Object Lock cannot be enabled. @default false' }),
    lifecycle,
    objectLock,
    logGroup: z
      .strictObject({
        name: z
          .string()
          .regex(/^[\w\-/.#]{1,512}$/, { error: 'must be 1-512 characters of letters, digits and _-/.#' })
          .optional()
          .meta({ description: 'Name of the CloudWatch Logs log group. @default "/trailwatch/<namingPrefix>-<name>/cloudtrail"' }),
        retentionDays: z
          .number({ error: `must be one of ${LOG_RETENTION_DAYS.join(', ')}` })
          .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
            error: `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')} (Security Hub CloudWatch.16 needs at least 365)`,
          })
          .default(365)
          .meta({ description: 'Retention of the log group in days (CloudWatch.16 needs >= 365). @default 365' }),
      })
      .default({ retentionDays: 365 })
      .meta({ description: 'The log group the trail delivers to, read by every alarm.' }),
    dataEvents: z
      .strictObject({
        s3: z.boolean({ error: 'must be true or false' }).default(false).meta({ description: 'Log S3 object-level events of every bucket except the trail\'s own log and access-log buckets. @default false' }),
        lambda: z.boolean({ error: 'must be true or false' }).default(false).meta({ description: 'Log Lambda Invoke events. @default false' }),
      })
      .default({ s3: false, lambda: false })
      .meta({ description: 'Data events (billed per event) through advanced event selectors.' }),
    insights: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .meta({ description: 'CloudTrail Insights on the trail (ApiCallRateInsight and ApiErrorRateInsight; billed). @default false' }),
    readers: z
      .array(
        z.string().superRefine((arn, ctx) => {
          const problem = readerArnProblem(arn);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      )
      .max(20, { error: 'must list at most 20 readers: grant a role and let people assume it' })
      .default([])
      .meta({ description: 'Principals of the organization allowed to read the logs (s3:GetObject/ListBucket, kms:Decrypt), e.g. a security account role. @default []' }),
    keyAdministrators: z
      .array(z.string().regex(ROLE_ARN, { error: 'must be an IAM role ARN: arn:aws:iam::<12 digits>:role/<name>' }))
      .max(10, { error: 'must list at most 10 roles: administer keys through a few dedicated roles' })
      .default([])
      .meta({
        description:
          'Roles that administer the trail key (roles of the log-archive account) and the log group key (roles of the management account) without being able to decrypt, instead of each account root with kms:*. The deployment roles are added automatically so Terraform can keep managing the keys. The roles must exist: KMS rejects a key policy naming a missing principal. @default [] (each account root administers its key)',
      }),
    preventDestroy: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Terraform lifecycle prevent_destroy on the bucket, keys, log group and trail. @default true' }),
    forceDestroy: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .meta({ description: 'Let terraform destroy delete the buckets with their logs (sandboxes only; needs preventDestroy false). @default false' }),
  })
  .default({
    existingBucket: false,
    lifecycle: { transitionAfterDays: 90, transitionStorageClass: 'GLACIER_IR', expireAfterDays: 365, noncurrentVersionExpireAfterDays: 90 },
    logGroup: { retentionDays: 365 },
    dataEvents: { s3: false, lambda: false },
    insights: false,
    readers: [],
    keyAdministrators: [],
    preventDestroy: true,
    forceDestroy: false,
  })
  .meta({ description: 'The organization trail trailwatch creates, its log bucket, trail key and CloudWatch Logs delivery (modules/organization-trail). Not with existingTrail.' });

export type TrailConfig = z.output<typeof trailSection>;

/** CloudWatch Logs: at most 100 metric filters per log group (PutMetricFilter). */
const MAX_METRIC_FILTERS = 100;
/** A CloudTrail trail ARN in the aws partition: region is group 1, account group 2, name group 3. */
export const TRAIL_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/([a-zA-Z0-9][\w.-]{1,126}[a-zA-Z0-9])$/;

const filterCount = (what: string, max: number) =>
  z
    .number({ error: `must be a whole number from 0 to ${max}` })
    .int({ error: `must be a whole number from 0 to ${max}` })
    .min(0, { error: `must be a whole number from 0 to ${max}` })
    .max(max, { error: `must be at most ${max}: CloudWatch Logs allows ${max} ${what} per log group` })
    .default(0);

/**
 * The `existingTrail` section: put every alarm on the log group of an organization trail that already
 * exists (AWS Control Tower's, Landing Zone Accelerator's, your own) instead of creating one.
 */
export const existingTrailSection = z
  .strictObject({
    logGroupName: z
      .string({ error: 'is required: the exact name of the log group the trail delivers to, e.g. aws-controltower/CloudTrailLogs' })
      .regex(/^[\w\-/.#]{1,512}$/, { error: 'must be 1-512 characters of letters, digits and _-/.# (the exact log group name, not its ARN)' })
      .meta({
        description:
          'Exact name of the CloudWatch Logs log group the trail delivers to, in the management account and the home region (AWS Control Tower: "aws-controltower/CloudTrailLogs"; newer landing zones may add a suffix).',
      }),
    trailArn: z
      .string()
      .regex(TRAIL_ARN, { error: 'must be a trail ARN: arn:aws:cloudtrail:<home region>:<management account>:trail/<name>' })
      .optional()
      .meta({ description: 'ARN of the existing trail, named in the trail-health alarm text. @default none (the text says <trail ARN>)' }),
    homeRegion: z
      .enum(AWS_REGIONS, { error: 'must be an AWS region of the aws partition, e.g. us-east-1' })
      .optional()
      .meta({ description: 'Home region of the existing trail; must equal the environment\'s homeRegion (the log group is there). @default homeRegion' }),
    metricFilters: filterCount('metric filters', MAX_METRIC_FILTERS).meta({
      description: `Metric filters the log group already carries (aws logs describe-metric-filters), counted against the quota of ${MAX_METRIC_FILTERS} per log group. @default 0`,
    }),
    subscriptionFilters: filterCount('subscription filters', MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP).meta({
      description: `Subscription filters the log group already carries (aws logs describe-subscription-filters), counted against the quota of ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} per log group. @default 0`,
    }),
  })
  .optional()
  .meta({
    description:
      'Use an organization trail that already exists: trailwatch then creates no trail, bucket, trail key, log group or delivery role, and puts every alarm on this log group. Leave out the trail section when you set this. @default none (trailwatch creates the trail)',
  });

export type ExistingTrailConfig = NonNullable<z.output<typeof existingTrailSection>>;

/** The log group every alarm reads: the existing trail's, else the one trailwatch creates. */
export function monitoredLogGroupName(env: Pick<Environment, 'name' | 'namingPrefix' | 'trail' | 'existingTrail'>): string {
  return env.existingTrail?.logGroupName ?? trailLogGroupName(env);
}

/** Metric filters on the monitored log group that trailwatch does not create. */
export function foreignMetricFilters(env: Pick<Environment, 'existingTrail'>): number {
  return env.existingTrail?.metricFilters ?? 0;
}

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function trailProblems(env: Environment): Problem[] {
  if (env.existingTrail) return existingTrailProblems(env, env.existingTrail);
  const t = env.trail;
  const problems: Problem[] = [];
  if (t.objectLock && t.existingBucket) {
    problems.push({
      path: 'trail.objectLock',
      message: 'cannot be enabled on an existing (imported) bucket: S3 Object Lock is only set when a bucket is created. Remove objectLock, or let trailwatch create a new bucket (existingBucket: false and a new trail.bucketName)',
    });
  }
  if (t.forceDestroy && t.preventDestroy) {
    problems.push({ path: 'trail.forceDestroy', message: 'needs preventDestroy: false (a bucket that may not be destroyed cannot be force-destroyed); set both, or remove forceDestroy' });
  }
  if (t.forceDestroy && t.objectLock) {
    problems.push({ path: 'trail.forceDestroy', message: 'cannot delete objects under Object Lock retention: remove forceDestroy or objectLock' });
  }
  const lc = t.lifecycle;
  if (lc.transitionAfterDays !== null && lc.expireAfterDays !== null && lc.transitionAfterDays >= lc.expireAfterDays) {
    problems.push({ path: 'trail.lifecycle.transitionAfterDays', message: `must be less than expireAfterDays (${lc.expireAfterDays}), or null for no transition` });
  }
  if (t.objectLock && lc.expireAfterDays !== null && t.objectLock.retentionDays > lc.expireAfterDays) {
    problems.push({ path: 'trail.objectLock.retentionDays', message: `must be at most lifecycle.expireAfterDays (${lc.expireAfterDays}): locked objects cannot expire` });
  }
  const keyAccounts = [env.managementAccountId, env.logArchiveAccountId ?? env.managementAccountId];
  t.keyAdministrators.forEach((arn, i) => {
    const account = ROLE_ARN.exec(arn)?.[1];
    if (account && !keyAccounts.includes(account)) {
      problems.push({
        path: `trail.keyAdministrators[${i}]`,
        message: `is a role of account ${account}, which owns no trail key: name roles of the management account ${env.managementAccountId} (log group key)${env.logArchiveAccountId ? ` or the log-archive account ${env.logArchiveAccountId} (trail key)` : ''}`,
      });
    }
  });
  if (logBucketName(env) === accessLogBucketName(env)) {
    problems.push({ path: 'trail.accessLogBucketName', message: 'must differ from the log bucket name: access logs go to a separate bucket' });
  }
  return problems;
}

/** The trail section as it is when left out: any other value is a field of the created trail that was set. */
const TRAIL_DEFAULTS: Record<string, unknown> = trailSection.parse(undefined) as Record<string, unknown>;

/** Fields of the created trail that differ from their defaults, as `trail.<field>` paths. */
function createdTrailFieldsSet(t: TrailConfig): string[] {
  return Object.keys(t)
    .filter((k) => JSON.stringify((t as Record<string, unknown>)[k]) !== JSON.stringify(TRAIL_DEFAULTS[k]))
    .map((k) => `trail.${k}`);
}

function existingTrailProblems(env: Environment, e: ExistingTrailConfig): Problem[] {
  const problems: Problem[] = [];
  for (const field of createdTrailFieldsSet(env.trail)) {
    problems.push({
      path: field,
      message: `cannot be set together with existingTrail.logGroupName: ${field} configures the trail trailwatch creates, existingTrail uses one it does not create. Remove ${field}, or remove existingTrail`,
    });
  }
  if (env.logArchiveAccountId) {
    problems.push({
      path: 'logArchiveAccountId',
      message: 'cannot be set together with existingTrail.logGroupName: with an existing trail trailwatch creates no log bucket, so it needs no log-archive account. Remove logArchiveAccountId and deployment.logArchive',
    });
  }
  if (e.homeRegion && e.homeRegion !== env.homeRegion) {
    problems.push({
      path: 'existingTrail.homeRegion',
      message: `"${e.homeRegion}" must equal homeRegion "${env.homeRegion}": the alarms must be in the region of the trail's log group. Set homeRegion: ${e.homeRegion}`,
    });
  }
  const arn = e.trailArn ? TRAIL_ARN.exec(e.trailArn) : null;
  if (arn && arn[1] !== (e.homeRegion ?? env.homeRegion)) {
    problems.push({ path: 'existingTrail.trailArn', message: `is in region ${arn[1]}, not the home region ${env.homeRegion}: an organization trail's ARN names its home region` });
  }
  if (arn && arn[2] !== env.managementAccountId) {
    problems.push({
      path: 'existingTrail.trailArn',
      message: `is owned by account ${arn[2]}, not the management account ${env.managementAccountId}: an organization trail (and the log group it delivers to) belongs to the management account`,
    });
  }
  return problems;
}
