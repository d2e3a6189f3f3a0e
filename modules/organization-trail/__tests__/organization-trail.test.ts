import { Testing } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ValidationError } from '../../common/errors';
import { ARCHIVE, baseProps, MGMT, REGION, resource, synthJson, trailStack } from './support';

const synth = (props = {}) => Testing.synth(trailStack(props).stack, true);

describe('OrganizationTrail: the trail', () => {
  it('is an organization, multi-region trail with global events, log file validation, KMS and CloudWatch Logs delivery', () => {
    expect(synth()).toHaveResourceWithProperties(Cloudtrail, {
      name: 'org-trail',
      s3_bucket_name: 'example-cloudtrail-logs',
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      cloud_watch_logs_group_arn: `arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail:*`,
      event_selector: [{ read_write_type: 'All', include_management_events: true }],
    });
    const trail = resource(synthJson(), 'aws_cloudtrail');
    expect(trail.kms_key_id).toMatch(/^\$\{aws_kms_key\.trail_trail-key_\w+\.arn\}$/);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.trail_cloudwatch-delivery_role_\w+\.arn\}$/);
    expect(trail.advanced_event_selector).toBeUndefined();
    expect(trail.insight_selector).toBeUndefined();
  });

  it('depends on the bucket policy and configuration, the trail key, the log group and the delivery role policy', () => {
    const deps: string[] = resource(synthJson(), 'aws_cloudtrail').depends_on;
    for (const dep of [
      /^aws_s3_bucket_policy\.trail_log-bucket_policy_/,
      /^aws_s3_bucket_server_side_encryption_configuration\.trail_log-bucket_encryption_/,
      /^aws_s3_bucket_ownership_controls\.trail_log-bucket_ownership_/,
      /^aws_kms_key\.trail_trail-key_/,
      /^aws_cloudwatch_log_group\.trail_cloudwatch-delivery_log-group_/,
      /^aws_iam_role_policy\.trail_cloudwatch-delivery_role-policy_/,
    ]) {
      expect(deps.some((d) => dep.test(d))).toBe(true);
    }
  });

  it('logs S3 data events of every bucket except its own two, plus management events, with advanced selectors', () => {
    const trail = resource(synthJson({ dataEvents: { s3: true, lambda: true } }), 'aws_cloudtrail');
    expect(trail.event_selector).toBeUndefined();
    expect(trail.advanced_event_selector).toEqual([
      { name: 'All management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
      {
        name: 'S3 data events except the trail log buckets',
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::S3::Object'] },
          { field: 'resources.ARN', not_starts_with: ['arn:aws:s3:::example-cloudtrail-logs/', 'arn:aws:s3:::example-access-logs/'] },
        ],
      },
      { name: 'Lambda data events', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::Lambda::Function'] }] },
    ]);
    // Management events: no readOnly selector, so read and write events are both logged.
    expect(JSON.stringify(trail.advanced_event_selector)).not.toContain('readOnly');
  });

  it('turns on Insights for API call rate and error rate', () => {
    expect(resource(synthJson({ insights: true }), 'aws_cloudtrail').insight_selector).toEqual([
      { insight_type: 'ApiCallRateInsight' },
      { insight_type: 'ApiErrorRateInsight' },
    ]);
  });

  it('is in the management account; bucket and trail key in the log-archive account', () => {
    const json = synthJson();
    expect(resource(json, 'aws_cloudtrail').provider).toBe('aws');
    expect(resource(json, 'aws_cloudwatch_log_group').provider).toBe('aws');
    expect(resource(json, 'aws_iam_role').provider).toBe('aws');
    expect(resource(json, 'aws_kms_key', 'cloudwatch-delivery/log-group-key').provider).toBe('aws');
    expect(resource(json, 'aws_s3_bucket', 'log-bucket').provider).toBe('aws.archive');
    expect(resource(json, 'aws_s3_bucket', 'access-log-bucket').provider).toBe('aws.archive');
    expect(resource(json, 'aws_kms_key', 'trail-key').provider).toBe('aws.archive');
  });
});

describe('OrganizationTrail: the log buckets', () => {
  it('enforce bucket-owner ownership (no ACLs), block all public access and keep versions', () => {
    const stack = synth();
    for (const bucket of ['example-cloudtrail-logs', 'example-access-logs']) {
      expect(stack).toHaveResourceWithProperties(S3BucketOwnershipControls, { bucket, rule: { object_ownership: 'BucketOwnerEnforced' } });
      expect(stack).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
      });
      expect(stack).toHaveResourceWithProperties(S3BucketVersioningA, { bucket, versioning_configuration: { status: 'Enabled' } });
    }
    expect(stack).not.toHaveResource({ tfResourceType: 'aws_s3_bucket_acl' } as any);
  });

  it('encrypt the log bucket with the trail key and bucket keys; the access-log bucket with SSE-S3 (server access logging cannot use SSE-KMS)', () => {
    const json = synthJson();
    const logs = resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'log-bucket').rule[0];
    expect(logs.bucket_key_enabled).toBe(true);
    expect(logs.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(logs.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.trail_trail-key_\w+\.arn\}$/);
    const access = resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'access-log-bucket').rule[0];
    expect(access.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
  });

  it('send the log bucket server access logs to the access-log bucket', () => {
    const logging = resource(synthJson(), 'aws_s3_bucket_logging', 'log-bucket');
    expect(logging).toMatchObject({ bucket: 'example-cloudtrail-logs', target_bucket: 'example-access-logs', target_prefix: 'example-cloudtrail-logs/', expected_bucket_owner: ARCHIVE });
  });

  // S3 user guide, "Enabling Amazon S3 server access logging": the target bucket must exist and its policy
  // must let logging.s3.amazonaws.com write. Checked in the synthesized JSON: a construct-level dependency
  // (node.addDependency on the bucket construct) never reached it.
  it('enable server access logging only after the access-log bucket and its policy exist', () => {
    const json = synthJson();
    const address = (type: string, path: string) => {
      const name = Object.keys(json.resource[type]).find((n) => n.startsWith(`trail_${path}_`));
      return `${type}.${name}`;
    };
    expect(resource(json, 'aws_s3_bucket_logging', 'log-bucket').depends_on).toEqual(
      expect.arrayContaining([address('aws_s3_bucket', 'access-log-bucket'), address('aws_s3_bucket_policy', 'access-log-bucket_policy'), address('aws_s3_bucket', 'log-bucket')]),
    );
  });

  it('keep logs 365 days by default: transition, expiration, noncurrent versions', () => {
    const rule = resource(synthJson(), 'aws_s3_bucket_lifecycle_configuration', 'log-bucket').rule[0];
    expect(rule).toMatchObject({
      status: 'Enabled',
      transition: [{ days: 90, storage_class: 'GLACIER_IR' }],
      expiration: [{ days: 365 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  it('keep logs forever when expiration is null, without a transition when it is null', () => {
    const rule = resource(synthJson({ lifecycle: { expireAfterDays: null, transitionAfterDays: null } }), 'aws_s3_bucket_lifecycle_configuration', 'log-bucket').rule[0];
    expect(rule.expiration).toBeUndefined();
    expect(rule.transition).toBeUndefined();
  });

  it('have Object Lock only when asked, set at bucket creation', () => {
    expect(resource(synthJson(), 'aws_s3_bucket', 'log-bucket').object_lock_enabled).toBeUndefined();
    expect(synthJson().resource.aws_s3_bucket_object_lock_configuration).toBeUndefined();
    const json = synthJson({ objectLock: { mode: 'COMPLIANCE', retentionDays: 400 } });
    expect(resource(json, 'aws_s3_bucket', 'log-bucket').object_lock_enabled).toBe(true);
    expect(resource(json, 'aws_s3_bucket_object_lock_configuration', 'log-bucket').rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 400 } });
  });
});

describe('OrganizationTrail: keys and log group', () => {
  it('rotates both keys with a 30-day deletion window', () => {
    const stack = synth();
    expect(stack).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const json = synthJson();
    for (const path of ['trail-key', 'cloudwatch-delivery/log-group-key']) {
      expect(resource(json, 'aws_kms_key', path)).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    }
  });

  it('names the key aliases after the trail, with characters KMS rejects replaced', () => {
    const aliases = Object.values(synthJson({ trailName: 'org.trail_1' }).resource.aws_kms_alias).map((a: any) => a.name).sort();
    expect(aliases).toEqual(['alias/org-trail_1', 'alias/org-trail_1-log-group']);
  });

  it('keeps the log group 365 days by default, encrypted with its own key', () => {
    expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/example/cloudtrail', retention_in_days: 365 });
    expect(resource(synthJson(), 'aws_cloudwatch_log_group').kms_key_id).toMatch(/^\$\{aws_kms_key\.trail_cloudwatch-delivery_log-group-key_\w+\.arn\}$/);
    expect(resource(synthJson({ logRetentionDays: 731 }), 'aws_cloudwatch_log_group').retention_in_days).toBe(731);
  });
});

describe('OrganizationTrail: safety', () => {
  const stateful: [string, string][] = [
    ['aws_s3_bucket', 'log-bucket'],
    ['aws_s3_bucket', 'access-log-bucket'],
    ['aws_kms_key', 'trail-key'],
    ['aws_kms_key', 'cloudwatch-delivery/log-group-key'],
    ['aws_cloudwatch_log_group', 'cloudwatch-delivery/log-group'],
    ['aws_cloudtrail', ''],
  ];

  it('sets prevent_destroy on buckets, keys, log group and trail by default, and never force_destroy', () => {
    const json = synthJson();
    for (const [type, path] of stateful) expect(resource(json, type, path).lifecycle).toEqual({ prevent_destroy: true });
    expect(synth()).toHaveResourceWithProperties(S3Bucket, { force_destroy: false });
    expect(Object.values(json.resource.aws_s3_bucket).map((b: any) => b.force_destroy)).toEqual([false, false]);
  });

  it('drops prevent_destroy when turned off and allows force_destroy then', () => {
    const json = synthJson({ preventDestroy: false, forceDestroy: true });
    for (const [type, path] of stateful) expect(resource(json, type, path).lifecycle).toEqual({ prevent_destroy: false });
    expect(Object.values(json.resource.aws_s3_bucket).map((b: any) => b.force_destroy)).toEqual([true, true]);
  });

  it('keeps the Terraform addresses of stateful resources (public contract)', () => {
    const json = synthJson();
    const addresses = stateful.map(([type, path]) => Object.keys(json.resource[type]).find((n) => n.startsWith(path ? `trail_${path.replace('/', '_')}_` : 'trail_')));
    expect(addresses).toEqual([
      'trail_log-bucket_EB558687',
      'trail_access-log-bucket_155A5C30',
      'trail_trail-key_0D566BFE',
      'trail_cloudwatch-delivery_log-group-key_9949AC3B',
      'trail_cloudwatch-delivery_log-group_3BC55A84',
      'trail_3987B402',
    ]);
  });

  it('outputs the trail ARN, bucket name, key ARNs, log group name and ARN', () => {
    const outputs = Object.values(synthJson().output).map((o: any) => o.value);
    expect(outputs).toEqual(expect.arrayContaining([
      `arn:aws:cloudtrail:${REGION}:${MGMT}:trail/org-trail`,
      'example-cloudtrail-logs',
      '/example/cloudtrail',
      `arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail`,
    ]));
    expect(outputs.filter((v) => /^\$\{aws_kms_key\.\S+\.arn\}$/.test(v))).toHaveLength(2);
  });

  it('outputs prevent_destroy (trail_prevent_destroy), so a plan shows it turned off: trailwatch review reads it', () => {
    expect(synthJson().output.trail_prevent_destroy.value).toBe(true);
    expect(synthJson({ preventDestroy: false }).output.trail_prevent_destroy.value).toBe(false);
  });

  it('exposes plain config-derived strings, not tokens', () => {
    const { trail } = trailStack();
    expect(trail.logGroupName).toBe('/example/cloudtrail');
    expect(trail.logGroupArn).toBe(`arn:aws:logs:${REGION}:${MGMT}:log-group:/example/cloudtrail`);
    expect(trail.trailArn).toBe(`arn:aws:cloudtrail:${REGION}:${MGMT}:trail/org-trail`);
    expect(trail.trailName).toBe('org-trail');
    expect(trail.bucketName).toBe('example-cloudtrail-logs');
  });
});

describe('OrganizationTrail: props validation', () => {
  it('reports every problem at once, naming each prop', () => {
    let error: unknown;
    try {
      trailStack({
        organizationId: 'org-1', managementAccountId: '12345678901', region: 'mars-1', bucketName: 'Bad_Bucket',
        logRetentionDays: 100, existingBucket: true, objectLock: { mode: 'GOVERNANCE', retentionDays: 30 }, forceDestroy: true,
        readers: ['arn:aws:iam::1:role/x'],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([
      'organizationId', 'managementAccountId', 'region', 'bucketName', 'logRetentionDays', 'objectLock', 'forceDestroy', 'readers[0]',
    ]));
    expect((error as Error).message).toContain('test/trail: objectLock: cannot be enabled on an existing (imported) bucket');
  });

  it('requires named key administrators to be roles of the two key-owning accounts, one in each', () => {
    const problemsOf = (keyAdministrators: string[]) => {
      try {
        trailStack({ keyAdministrators });
      } catch (e) {
        return (e as ValidationError).problems;
      }
      return [];
    };
    expect(problemsOf([`arn:aws:iam::${ARCHIVE}:role/A`, `arn:aws:iam::${MGMT}:role/B`])).toEqual([]);
    expect(problemsOf([`arn:aws:iam::${ARCHIVE}:role/A`, `arn:aws:iam::${MGMT}:role/B`, 'arn:aws:iam::999999999999:role/C'])).toEqual([
      { path: 'keyAdministrators[2]', message: `must be a role of the management account ${MGMT} or the log-archive account ${ARCHIVE}, not 999999999999` },
    ]);
    const oneAccount = () => {
      try {
        trailStack({ logArchiveAccountId: undefined, keyAdministrators: ['arn:aws:iam::999999999999:role/C'] });
      } catch (e) {
        return (e as ValidationError).problems.filter((p) => p.path === 'keyAdministrators');
      }
      return [];
    };
    expect(oneAccount()).toEqual([
      { path: 'keyAdministrators', message: `names no role of account ${MGMT}, which owns the trail key and the log group key: add the role Terraform deploys with there (KMS rejects a key policy that locks its caller out)` },
    ]);
    expect(problemsOf([`arn:aws:iam::${ARCHIVE}:role/A`])).toEqual([
      { path: 'keyAdministrators', message: `names no role of account ${MGMT}, which owns the log group key: add the role Terraform deploys with there (KMS rejects a key policy that locks its caller out)` },
    ]);
  });

  it('accepts the minimal props in one account', () => {
    const { logArchiveAccountId: _omit, ...oneAccount } = baseProps;
    expect(() => trailStack({ ...oneAccount, logArchiveAccountId: undefined })).not.toThrow();
  });
});
