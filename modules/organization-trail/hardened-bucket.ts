/**
 * An S3 bucket hardened for logs: no ACLs (BucketOwnerEnforced: the April 2023 S3 default broke buckets
 * that granted `log-delivery-write`), all public access blocked, versioning, default encryption, a
 * lifecycle, optional Object Lock, optional server access logging, and a bucket policy.
 * Used twice by OrganizationTrail: the log bucket and its access-log bucket.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable, TerraformProvider, TerraformResource } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { policyJson, type PolicyDocument } from '../common/policy';

/** Lifecycle of the objects of a log bucket; every field left out takes its DEFAULT_LIFECYCLE value. */
export interface BucketLifecycle {
  /** Transition current objects after this many days; null: no transition. @default 90 */
  readonly transitionAfterDays?: number | null;
  /** Storage class of the transition. @default "GLACIER_IR" */
  readonly transitionStorageClass?: string;
  /** Expire current objects after this many days; null: keep forever. @default 365 */
  readonly expireAfterDays?: number | null;
  /** Expire noncurrent versions after this many days. @default 90 */
  readonly noncurrentVersionExpireAfterDays?: number;
}

/** The log bucket lifecycle when none is given: GLACIER_IR after 90 days, expiry after 365, noncurrent versions after 90. */
export const DEFAULT_LIFECYCLE: Required<BucketLifecycle> = {
  transitionAfterDays: 90,
  transitionStorageClass: 'GLACIER_IR',
  expireAfterDays: 365,
  noncurrentVersionExpireAfterDays: 90,
};

export interface HardenedBucketProps {
  /** Bucket name (config-derived, globally unique). Required. */
  readonly bucketName: string;
  /** Account that owns the bucket: every bucket-level call sends it as expected_bucket_owner. Required. */
  readonly accountId: string;
  /** Bucket policy. Required. */
  readonly policy: PolicyDocument;
  /** KMS key ARN for SSE-KMS with bucket keys; undefined: SSE-S3 (AES256), which S3 server access logging requires of its target. @default undefined (SSE-S3) */
  readonly kmsKeyArn?: string;
  /** Object lifecycle. @default DEFAULT_LIFECYCLE */
  readonly lifecycle?: BucketLifecycle;
  /** S3 Object Lock default retention; only at bucket creation. @default none */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retentionDays: number };
  /**
   * Where to send this bucket's server access logs; `dependsOn`: the target bucket and its policy when
   * the same stack creates them (the target is named by a literal, which carries no dependency).
   * @default none
   */
  readonly accessLogs?: { readonly bucketName: string; readonly prefix: string; readonly dependsOn?: ITerraformDependable[] };
  /** lifecycle prevent_destroy on the bucket. @default true */
  readonly preventDestroy?: boolean;
  /** Let terraform destroy delete a non-empty bucket. @default false */
  readonly forceDestroy?: boolean;
  /** Provider of the owning account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class HardenedBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly policy: S3BucketPolicy;
  /** Every bucket configuration resource: the trail depends on them so the bucket is ready when it starts writing. */
  public readonly configuration: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const provider = props.provider;
    const bucketName = props.bucketName;
    const owner = props.accountId;
    const lc = { ...DEFAULT_LIFECYCLE, ...(props.lifecycle ?? {}) };

    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: bucketName,
      forceDestroy: props.forceDestroy ?? false,
      objectLockEnabled: props.objectLock ? true : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    // The configuration resources use the literal name (not the bucket's id attribute) so the plan shows it;
    // they depend on the bucket explicitly instead.
    const base = { provider, bucket: bucketName, dependsOn: [this.bucket] };

    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      ...base,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      ...base,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      ...base,
      expectedBucketOwner: owner,
      versioningConfiguration: { status: 'Enabled' },
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      ...base,
      expectedBucketOwner: owner,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      ...base,
      dependsOn: [versioning],
      expectedBucketOwner: owner,
      rule: [
        {
          id: 'log-retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: lc.transitionAfterDays === null ? undefined : [{ days: lc.transitionAfterDays, storageClass: lc.transitionStorageClass }],
          expiration: lc.expireAfterDays === null ? undefined : [{ days: lc.expireAfterDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: lc.noncurrentVersionExpireAfterDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    this.configuration.push(ownership, publicAccess, versioning, encryption, lifecycle);

    if (props.objectLock) {
      this.configuration.push(
        new S3BucketObjectLockConfigurationA(this, 'object-lock', {
          ...base,
          dependsOn: [versioning],
          expectedBucketOwner: owner,
          rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.retentionDays } },
        }),
      );
    }
    if (props.accessLogs) {
      this.configuration.push(
        new S3BucketLoggingA(this, 'access-logging', {
          ...base,
          // PutBucketLogging checks the target (InvalidTargetBucketForLogging) and the target's policy
          // must let logging.s3.amazonaws.com write before logs flow: S3 user guide, "Enabling Amazon S3
          // server access logging" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
          dependsOn: [this.bucket, ...(props.accessLogs.dependsOn ?? [])],
          expectedBucketOwner: owner,
          targetBucket: props.accessLogs.bucketName,
          targetPrefix: props.accessLogs.prefix,
        }),
      );
    }
    // After the public access block: a policy put before it exists would be evaluated without it.
    this.policy = new S3BucketPolicy(this, 'policy', {
      ...base,
      dependsOn: [publicAccess, ownership],
      policy: policyJson(props.policy),
    });
    this.configuration.push(this.policy);
  }
}
