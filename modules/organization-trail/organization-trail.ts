/**
 * The organization trail in the management account, with its hardened log bucket (and access-log
 * bucket) and trail key in the bucket account, and its CloudWatch Logs delivery. Every alarm of
 * trailwatch reads the log group this construct creates.
 *
 * Construct ids below are Terraform addresses of stateful resources: they are public contract and must
 * not change (a changed id means a destroyed log bucket, key or log group).
 */
import { Construct } from 'constructs';
import { TerraformOutput, type TerraformProvider } from 'cdktf';
import { Cloudtrail, type CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { ValidationError } from '../common/errors';
import { CloudWatchDelivery } from './cloudwatch-delivery';
import { HardenedBucket, type BucketLifecycle } from './hardened-bucket';
import { keyAlias, LogKey } from './log-key';
import { accessLogBucketPolicy, accessLogPrefix, bucketArn, logBucketPolicy, logGroupArn, trailArn, trailKeyPolicy, type TrailIdentity } from './policies';
import { organizationTrailPropsProblems } from './props-problems';

/** Props of OrganizationTrail. Invalid props throw one ValidationError listing every problem. */
export interface OrganizationTrailProps {
  /** AWS Organizations ID (o-...). Required. */
  readonly organizationId: string;
  /** Management account that owns the trail, log group and delivery role. Required. */
  readonly managementAccountId: string;
  /** Home region of the trail and its log group. Required. */
  readonly region: string;
  /** Log-archive account that owns the log bucket and trail key. @default the management account */
  readonly logArchiveAccountId?: string;
  /** Trail name. Required. */
  readonly trailName: string;
  /** Log bucket name. Required. */
  readonly bucketName: string;
  /** Bucket receiving the log bucket's S3 server access logs (SSE-S3: server access logging cannot write SSE-KMS). Required. */
  readonly accessLogBucketName: string;
  /** CloudWatch Logs log group name. Required. */
  readonly logGroupName: string;
  /** Name of the CloudWatch Logs delivery role (at most 64 characters). Required. */
  readonly deliveryRoleName: string;
  /** Log group retention in days (CloudWatch.16 needs >= 365). @default 365 */
  readonly logRetentionDays?: number;
  /** Lifecycle of the log bucket. @default transition to GLACIER_IR after 90 days, expire after 365, noncurrent versions after 90 */
  readonly lifecycle?: BucketLifecycle;
  /** S3 Object Lock default retention on the log bucket; only possible when the bucket is created. @default none */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retentionDays: number };
  /** The log bucket exists already and is imported: rejects objectLock. @default false */
  readonly existingBucket?: boolean;
  /** S3 and Lambda data events (S3 excludes the trail's own buckets). @default { s3: false, lambda: false } */
  readonly dataEvents?: { readonly s3?: boolean; readonly lambda?: boolean };
  /** CloudTrail Insights ApiCallRateInsight and ApiErrorRateInsight. @default false */
  readonly insights?: boolean;
  /** IAM principal ARNs of the organization allowed to read and decrypt the logs. @default [] */
  readonly readers?: readonly string[];
  /**
   * Role ARNs that administer the keys without using them, instead of each account's root with kms:*
   * (modules/common/key-administration.ts): those of the bucket account administer the trail key, those of
   * the management account the log group key. Each account needs at least one, and it must include the
   * role Terraform deploys with there: KMS rejects a key policy that would lock its caller out.
   * @default [] (each account's root administers its key, through IAM policies)
   */
  readonly keyAdministrators?: readonly string[];
  /** lifecycle prevent_destroy on the buckets, keys, log group and trail. @default true */
  readonly preventDestroy?: boolean;
  /** Let terraform destroy delete non-empty buckets. @default false */
  readonly forceDestroy?: boolean;
  /** Provider of the management account. @default the stack's default provider */
  readonly managementProvider?: TerraformProvider;
  /** Provider of the log-archive account. @default managementProvider */
  readonly logArchiveProvider?: TerraformProvider;
  /** Write TerraformOutputs (trail ARN, bucket name, key ARNs, log group name and ARN). @default true */
  readonly outputs?: boolean;
}

/** The organization trail, its hardened log and access-log buckets, its trail key and its CloudWatch Logs delivery (log group, key, delivery role). */
export class OrganizationTrail extends Construct {
  public readonly trailName: string;
  public readonly trailArn: string;
  public readonly bucketName: string;
  public readonly accessLogBucketName: string;
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  /** ARN of the trail key (a Terraform token: computed by AWS). */
  public readonly trailKeyArn: string;
  /** ARN of the log group key (a Terraform token). */
  public readonly logGroupKeyArn: string;
  public readonly trail: Cloudtrail;
  public readonly logBucket: HardenedBucket;
  public readonly accessLogBucket: HardenedBucket;
  public readonly trailKey: LogKey;
  public readonly delivery: CloudWatchDelivery;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const problems = organizationTrailPropsProblems(props);
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);

    const bucketAccountId = props.logArchiveAccountId ?? props.managementAccountId;
    const identity: TrailIdentity = {
      organizationId: props.organizationId,
      managementAccountId: props.managementAccountId,
      region: props.region,
      trailName: props.trailName,
      bucketName: props.bucketName,
      bucketAccountId,
      logGroupName: props.logGroupName,
    };
    const preventDestroy = props.preventDestroy ?? true;
    const forceDestroy = props.forceDestroy ?? false;
    const readers = props.readers ?? [];
    const bucketProvider = props.logArchiveProvider ?? props.managementProvider;
    const administratorsOf = (account: string) => (props.keyAdministrators ?? []).filter((arn) => arn.split(':')[4] === account);

    this.trailName = props.trailName;
    this.trailArn = trailArn(identity);
    this.bucketName = props.bucketName;
    this.accessLogBucketName = props.accessLogBucketName;
    this.logGroupName = props.logGroupName;
    this.logGroupArn = logGroupArn(identity);

    this.trailKey = new LogKey(this, 'trail-key', {
      provider: bucketProvider,
      aliasName: keyAlias(props.trailName),
      description: `Encrypts the log files of the organization trail ${props.trailName}`,
      policy: trailKeyPolicy(identity, readers, administratorsOf(bucketAccountId)),
      preventDestroy,
    });
    this.accessLogBucket = new HardenedBucket(this, 'access-log-bucket', {
      provider: bucketProvider,
      bucketName: props.accessLogBucketName,
      accountId: bucketAccountId,
      policy: accessLogBucketPolicy(props.accessLogBucketName, props.bucketName, bucketAccountId),
      lifecycle: props.lifecycle,
      preventDestroy,
      forceDestroy,
    });
    this.logBucket = new HardenedBucket(this, 'log-bucket', {
      provider: bucketProvider,
      bucketName: props.bucketName,
      accountId: bucketAccountId,
      policy: logBucketPolicy(identity, readers),
      kmsKeyArn: this.trailKey.key.arn,
      lifecycle: props.lifecycle,
      objectLock: props.objectLock,
      accessLogs: {
        bucketName: props.accessLogBucketName,
        prefix: accessLogPrefix(props.bucketName),
        // Logging needs the target bucket and its policy in place first. (A construct-level
        // node.addDependency here never reached the synthesized JSON.)
        dependsOn: [this.accessLogBucket.bucket, this.accessLogBucket.policy],
      },
      preventDestroy,
      forceDestroy,
    });

    this.delivery = new CloudWatchDelivery(this, 'cloudwatch-delivery', {
      provider: props.managementProvider,
      identity,
      retentionDays: props.logRetentionDays,
      roleName: props.deliveryRoleName,
      keyAdministrators: administratorsOf(props.managementAccountId),
      preventDestroy,
    });

    const dataEvents = props.dataEvents ?? {};
    const useAdvancedSelectors = Boolean(dataEvents.s3 || dataEvents.lambda);
    this.trail = new Cloudtrail(this, 'trail', {
      provider: props.managementProvider,
      name: props.trailName,
      s3BucketName: props.bucketName,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.trailKey.key.arn,
      cloudWatchLogsGroupArn: `${this.logGroupArn}:*`,
      cloudWatchLogsRoleArn: this.delivery.role.arn,
      // Read and write management events: CloudTrail.1 and the CIS monitoring controls need both.
      eventSelector: useAdvancedSelectors ? undefined : [{ readWriteType: 'All', includeManagementEvents: true }],
      advancedEventSelector: useAdvancedSelectors ? advancedSelectors(props, dataEvents) : undefined,
      insightSelector: props.insights ? [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }] : undefined,
      // The bucket policy, key and delivery role must exist first (InsufficientS3BucketPolicyException,
      // InvalidCloudWatchLogsRoleArnException otherwise).
      dependsOn: [...this.logBucket.configuration, this.trailKey.key, this.delivery.logGroup, this.delivery.rolePolicy],
      lifecycle: { preventDestroy },
    });

    this.trailKeyArn = this.trailKey.key.arn;
    this.logGroupKeyArn = this.delivery.key.key.arn;

    if (props.outputs ?? true) {
      new TerraformOutput(this, 'trail-arn', { value: this.trailArn, description: 'ARN of the organization trail' });
      new TerraformOutput(this, 'log-bucket-name', { value: this.bucketName, description: 'Bucket holding the trail log files' });
      new TerraformOutput(this, 'trail-key-arn', { value: this.trailKeyArn, description: 'KMS key encrypting the trail log files' });
      new TerraformOutput(this, 'log-group-name', { value: this.logGroupName, description: 'CloudWatch Logs log group of the trail' });
      new TerraformOutput(this, 'log-group-arn', { value: this.logGroupArn, description: 'ARN of the trail log group' });
      new TerraformOutput(this, 'log-group-key-arn', { value: this.logGroupKeyArn, description: 'KMS key encrypting the log group' });
      // prevent_destroy is in no plan JSON (not an attribute; the configuration section has no lifecycle).
      // As an output it is: the plan shows it turned off, before -> after (modules/review/stop-signs.ts).
      new TerraformOutput(this, 'prevent-destroy', {
        value: preventDestroy,
        description: 'Whether lifecycle prevent_destroy guards the buckets, keys, log group and trail',
      }).overrideLogicalId(`${id.replace(/[^A-Za-z0-9_]/g, '_')}_prevent_destroy`);
    }
  }
}

/**
 * Management events (read and write: no readOnly selector) plus the chosen data events. S3 data events
 * exclude the trail's own buckets: logging the trail's own deliveries would feed back into itself.
 */
function advancedSelectors(props: OrganizationTrailProps, dataEvents: { s3?: boolean; lambda?: boolean }): CloudtrailAdvancedEventSelector[] {
  const selectors: CloudtrailAdvancedEventSelector[] = [
    { name: 'All management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
  ];
  if (dataEvents.s3) {
    selectors.push({
      name: 'S3 data events except the trail log buckets',
      fieldSelector: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'resources.ARN', notStartsWith: [`${bucketArn(props.bucketName)}/`, `${bucketArn(props.accessLogBucketName)}/`] },
      ],
    });
  }
  if (dataEvents.lambda) {
    selectors.push({
      name: 'Lambda data events',
      fieldSelector: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
      ],
    });
  }
  return selectors;
}
